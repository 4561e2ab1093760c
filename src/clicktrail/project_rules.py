"""Project rules checked on dbt's ``manifest.json`` (our small stand-in for dbt-bouncer).

Usage::

    dbt parse
    python -m clicktrail.project_rules target/manifest.json [--config project-rules.yml]

Every rule is listed in :data:`RULES`. A violation can be exempted in ``project-rules.yml``
(repo root) with a reason::

    exemptions:
      model-primary-key:
        - node: int_urls_collected
          reason: placeholder until the first staging model lands

Nodes are named as in the report: a model by its name, a source table as
``<source>.<table>``, a source by its name (a ``unique_id`` works too).

Exit status: 0 when no violation is left, 1 when some are, 2 when the manifest or the config
cannot be read.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

Node = Mapping[str, Any]

RULES: dict[str, str] = {
    "model-description": "every model has a description",
    "column-description": "every column declared in a model's YAML has a description",
    "model-primary-key": (
        "every model has a primary-key test: unique + not_null on one column, a "
        "unique_combination_of_columns test, or an enforced primary_key constraint"
    ),
    "source-outside-staging": "source() is used only by models under models/staging/",
    "staging-dependency": (
        "no staging model depends on another staging model, except stg_* on a base_* "
        "model in its own staging/<source>/base/ folder"
    ),
    "model-naming": (
        "staging models are stg_<source>__* / base_<source>__*, intermediate int_*, "
        "marts fct_* / dim_* / rpt_*"
    ),
    "source-description": "every source and every source table has a description",
    "source-freshness": "every source table has freshness and a loaded_at_field/_query",
    "hard-coded-relation": "no `from/join <schema>.<table>` outside Jinja in a model's SQL",
    "mart-contract": "every mart model has `contract: enforced`",
    "trailing-comma": (
        "no comma right before `from`, `where`, `group`, `having`, `union` or `)` in the SQL "
        "of a model, test, analysis or macro "
        "(PostgreSQL and Spark SQL reject `select a, from t`)"
    ),
}

LAYERS = ("staging", "intermediate", "marts")
MART_PREFIXES = ("fct_", "dim_", "rpt_")
UNIQUE_COMBINATION_TEST = "unique_combination_of_columns"
# Materializations whose DDL carries a contract's constraints.
CONSTRAINT_MATERIALIZATIONS = ("table", "incremental")
DEFAULT_CONFIG = "project-rules.yml"


class RulesError(Exception):
    """The manifest or the exemption config cannot be used."""


@dataclass(frozen=True, order=True)
class Violation:
    rule: str
    node: str
    message: str
    unique_id: str = ""
    path: str = ""


@dataclass(frozen=True)
class Exemption:
    rule: str
    node: str
    reason: str

    def matches(self, violation: Violation) -> bool:
        return self.rule == violation.rule and self.node in (
            violation.node,
            violation.unique_id,
        )


# --------------------------------------------------------------------------------------------
# Manifest helpers
# --------------------------------------------------------------------------------------------


def _project_name(manifest: Node) -> str | None:
    name = manifest.get("metadata", {}).get("project_name")
    return name if isinstance(name, str) else None


def _own(nodes: Iterable[Node], project: str | None) -> Iterator[Node]:
    """Nodes of the root project only (installed packages are not ours to police)."""
    for node in nodes:
        if project is None or node.get("package_name") == project:
            yield node


def _models(manifest: Node) -> list[Node]:
    nodes = manifest.get("nodes", {}).values()
    models = (n for n in nodes if n.get("resource_type") == "model")
    return sorted(_own(models, _project_name(manifest)), key=lambda n: str(n["unique_id"]))


def _tests_by_model(manifest: Node) -> dict[str, list[Node]]:
    tests: dict[str, list[Node]] = {}
    for node in manifest.get("nodes", {}).values():
        if node.get("resource_type") != "test" or not node.get("test_metadata"):
            continue
        if not node.get("config", {}).get("enabled", True):
            continue
        attached = node.get("attached_node")
        targets = [attached] if attached else node.get("depends_on", {}).get("nodes", [])
        for target in targets:
            tests.setdefault(target, []).append(node)
    return tests


def _parts(node: Node) -> list[str]:
    """Path of a model relative to its model-path, split: ['staging', 'crm', 'stg_x.sql']."""
    return str(node.get("path", "")).replace("\\", "/").split("/")


def _layer(node: Node) -> str | None:
    parts = _parts(node)
    return parts[0] if len(parts) > 1 and parts[0] in LAYERS else None


def _staging_source_folder(node: Node) -> str | None:
    parts = _parts(node)
    return parts[1] if len(parts) > 2 and parts[0] == "staging" else None


def _is_in_base_folder(node: Node) -> bool:
    parts = _parts(node)
    return len(parts) > 3 and parts[0] == "staging" and parts[2] == "base"


def _violation(rule: str, node: Node, message: str, name: str | None = None) -> Violation:
    return Violation(
        rule=rule,
        node=name or str(node.get("name", node.get("unique_id", "?"))),
        message=message,
        unique_id=str(node.get("unique_id", "")),
        path=str(node.get("original_file_path", "")),
    )


def _blank(text: object) -> bool:
    return not isinstance(text, str) or not text.strip()


# --------------------------------------------------------------------------------------------
# Model rules
# --------------------------------------------------------------------------------------------


def check_descriptions(model: Node) -> list[Violation]:
    found = []
    if _blank(model.get("description")):
        found.append(_violation("model-description", model, "model has no description"))
    for column_name, column in sorted(model.get("columns", {}).items()):
        if _blank(column.get("description")):
            found.append(
                _violation(
                    "column-description",
                    model,
                    f"column `{column_name}` is declared in YAML without a description",
                )
            )
    return found


LAST_RUN_SCOPE = "__last_run__"


def _unfiltered(test: Node) -> bool:
    """A test with a `where` filter checks a subset of rows, so it proves no primary key;
    except the `__last_run__` scope (macros/testing/get_where_subquery.sql): it tests every
    row a run wrote and every row sharing a key with them, and all rows on a full refresh or
    with var clicktrail__test_all_rows, so the key is proven write by write."""
    where = test.get("config", {}).get("where")
    return not where or str(where).strip().startswith(LAST_RUN_SCOPE)


def primary_key_evidence(model: Node, tests: Sequence[Node]) -> str | None:
    """How the model's primary key is tested, or None. Used by `model-primary-key`."""
    unique_columns: set[str] = set()
    not_null_columns: set[str] = set()
    for test in tests:
        if not _unfiltered(test):
            continue
        metadata = test.get("test_metadata", {})
        test_name = metadata.get("name")
        kwargs = metadata.get("kwargs", {})
        column = test.get("column_name") or kwargs.get("column_name")
        if test_name == "unique" and column:
            unique_columns.add(str(column))
        elif test_name == "not_null" and column:
            not_null_columns.add(str(column))
        elif test_name == UNIQUE_COMBINATION_TEST and kwargs.get("combination_of_columns"):
            return f"{UNIQUE_COMBINATION_TEST} test"
    paired = sorted(unique_columns & not_null_columns)
    if paired:
        return f"unique + not_null on `{paired[0]}`"
    if (
        _has_primary_key_constraint(model)
        and _contract_enforced(model)
        and model.get("config", {}).get("materialized") in CONSTRAINT_MATERIALIZATIONS
    ):
        return "enforced primary_key constraint"
    return None


def _has_primary_key_constraint(model: Node) -> bool:
    """A model-level `constraints: [{type: primary_key, columns: [...]}]` or a column one."""
    model_level = model.get("constraints", [])
    column_level = (
        c for col in model.get("columns", {}).values() for c in col.get("constraints", [])
    )
    return any(c.get("type") == "primary_key" for c in (*model_level, *column_level))


def _primary_key_hint(model: Node) -> str:
    if _has_primary_key_constraint(model):
        materialized = model.get("config", {}).get("materialized")
        if not _contract_enforced(model):
            return "its primary_key constraint is ignored without `contract: enforced`"
        return f"its primary_key constraint is not applied to a {materialized}"
    return "add unique + not_null on the key column, or unique_combination_of_columns"


def check_primary_key(model: Node, tests: Sequence[Node]) -> list[Violation]:
    if primary_key_evidence(model, tests) is not None:
        return []
    message = f"no primary-key test: {_primary_key_hint(model)}"
    return [_violation("model-primary-key", model, message)]


def check_source_usage(model: Node) -> list[Violation]:
    if _layer(model) == "staging":
        return []
    used = [
        dep
        for dep in model.get("depends_on", {}).get("nodes", [])
        if str(dep).startswith("source.")
    ]
    used_names = [".".join(str(dep).split(".")[2:]) for dep in used]
    if not used and model.get("sources"):
        used_names = [".".join(map(str, s)) for s in model["sources"]]
    if not used_names:
        return []
    return [
        _violation(
            "source-outside-staging",
            model,
            f"calls source() ({', '.join(sorted(used_names))}) outside models/staging/",
        )
    ]


def check_staging_dependencies(model: Node, models_by_id: Mapping[str, Node]) -> list[Violation]:
    if _layer(model) != "staging":
        return []
    found = []
    name = str(model.get("name"))
    folder = _staging_source_folder(model)
    for dep_id in sorted(model.get("depends_on", {}).get("nodes", [])):
        dep = models_by_id.get(dep_id)
        if dep is None or _layer(dep) != "staging":
            continue
        dep_name = str(dep.get("name"))
        allowed = (
            name.startswith("stg_")
            and not _is_in_base_folder(model)
            and dep_name.startswith("base_")
            and _is_in_base_folder(dep)
            and _staging_source_folder(dep) == folder
        )
        if not allowed:
            found.append(
                _violation(
                    "staging-dependency",
                    model,
                    f"depends on staging model `{dep_name}` ({dep.get('original_file_path')});"
                    f" only stg_* may read base_* from staging/{folder}/base/",
                )
            )
    return found


def check_naming(model: Node) -> list[Violation]:
    name = str(model.get("name"))
    layer = _layer(model)
    problem: str | None = None
    if layer is None:
        problem = "model is not under models/staging/, models/intermediate/ or models/marts/"
    elif layer == "staging":
        folder = _staging_source_folder(model)
        if folder is None:
            problem = "staging model must live in models/staging/<source>/"
        elif _is_in_base_folder(model):
            if not name.startswith(f"base_{folder}__"):
                problem = f"a model in staging/{folder}/base/ must be named base_{folder}__*"
        elif not name.startswith(f"stg_{folder}__"):
            hint = " (base_* models live in base/)" if name.startswith("base_") else ""
            problem = f"a model in staging/{folder}/ must be named stg_{folder}__*{hint}"
    elif layer == "intermediate":
        if not name.startswith("int_"):
            problem = "intermediate models must be named int_*"
    elif not name.startswith(MART_PREFIXES):
        problem = "mart models must be named fct_*, dim_* or rpt_*"
    return [_violation("model-naming", model, problem)] if problem else []


def _contract_enforced(model: Node) -> bool:
    contract = model.get("contract") or model.get("config", {}).get("contract") or {}
    return bool(contract.get("enforced"))


def check_mart_contract(model: Node) -> list[Violation]:
    if _layer(model) != "marts" or _contract_enforced(model):
        return []
    return [_violation("mart-contract", model, "mart model without `contract: enforced`")]


# --------------------------------------------------------------------------------------------
# Hard-coded relations
# --------------------------------------------------------------------------------------------

_IDENT = r'(?:"[^"\n]+"|[A-Za-z_][A-Za-z0-9_$]*)'
# `from|join` + a 2- or 3-part name, not followed by more name (no backtracking into a longer
# name) nor by `(` (a table function such as `main.read_parquet(...)`).
_RELATION = re.compile(
    rf"\b(?P<keyword>from|join)\s+"
    rf"(?P<relation>{_IDENT}(?:\s*\.\s*{_IDENT}){{1,2}})(?![\w$.])(?!\s*\()",
    re.IGNORECASE,
)
_DISTINCT_FROM = re.compile(r"\bdistinct\s*$", re.IGNORECASE)
_SUBQUERY_START = re.compile(r"\s*(select|with|from)\b", re.IGNORECASE)


def _blank_out(text: str, fill: str) -> str:
    """Same length, newlines kept, so offsets and line numbers still point at raw_code."""
    return "".join("\n" if ch == "\n" else fill for ch in text)


_JINJA_ENDS = {"{{": "}}", "{%": "%}", "{#": "#}"}


def _mask_jinja(code: str) -> str:
    """Blank Jinja statements and comments, fill expressions with `_`.

    A delimiter inside a quoted Jinja string does not end the tag (`post_hook="{{ macro() }}"`
    inside `{{ config(...) }}`).
    """
    out: list[str] = []
    i, n = 0, len(code)
    while i < n:
        opener = code[i : i + 2]
        if opener not in _JINJA_ENDS:
            out.append(code[i])
            i += 1
            continue
        closer, end, quote = _JINJA_ENDS[opener], i + 2, ""
        while end < n:
            ch = code[end]
            if quote:
                if ch == "\\":
                    end += 1
                elif ch == quote:
                    quote = ""
            elif ch in "'\"" and opener != "{#":
                quote = ch
            elif code.startswith(closer, end):
                end += 2
                break
            end += 1
        out.append(_blank_out(code[i:end], "_" if opener == "{{" else " "))
        i = end
    return "".join(out)


def _mask_sql(code: str, literal_fill: str = " ") -> str:
    """Blank SQL comments, and fill string literals with `literal_fill` (Jinja is already
    masked)."""
    out: list[str] = []
    i, n = 0, len(code)
    while i < n:
        if code.startswith("--", i):
            end = code.find("\n", i)
            end = n if end == -1 else end
        elif code.startswith("/*", i):
            end = code.find("*/", i + 2)
            end = n if end == -1 else end + 2
        elif code[i] == "'":
            end = i + 1
            while end < n:
                if code[end] == "'":
                    if code.startswith("''", end):
                        end += 2
                        continue
                    end += 1
                    break
                end += 1
        else:
            out.append(code[i])
            i += 1
            continue
        fill = literal_fill if code[i] == "'" else " "
        out.append(_blank_out(code[i:end], fill))
        i = end
    return "".join(out)


def _inside_function_call(code: str, position: int) -> bool:
    """True when `position` sits in a call's parentheses, e.g. `extract(epoch from t.ts)`."""
    depth = 0
    for i in range(position - 1, -1, -1):
        ch = code[i]
        if ch == ")":
            depth += 1
        elif ch == "(":
            if depth == 0:
                return not _SUBQUERY_START.match(code, i + 1)
            depth -= 1
    return False


def find_hard_coded_relations(raw_code: str) -> list[tuple[int, str]]:
    """(line, text) of every `from|join <schema>.<table>` written outside Jinja.

    Jinja (`{{ ref(...) }}`, `{% ... %}`, `{# ... #}`), SQL comments and string literals are
    masked first. A Jinja expression still counts as part of the name when it is followed by
    `.<table>` (`from {{ target.schema }}.orders` is hard-coded too). `is distinct from x.y`
    and `from` inside function calls (`extract(epoch from t.ts)`, `trim(both from t.x)`) are
    not relations.
    """
    code = _mask_sql(_mask_jinja(raw_code))
    found = []
    for match in _RELATION.finditer(code):
        start = match.start()
        if match.group("keyword").lower() == "from" and (
            _DISTINCT_FROM.search(code, 0, start) or _inside_function_call(code, start)
        ):
            continue
        line = code.count("\n", 0, start) + 1
        snippet = " ".join(raw_code[start : match.end()].split())
        found.append((line, snippet))
    return found


def check_hard_coded_relations(model: Node) -> list[Violation]:
    if model.get("language", "sql") != "sql":
        return []
    return [
        _violation(
            "hard-coded-relation",
            model,
            f"line {line}: `{snippet}` names a relation directly; use ref() or source()",
        )
        for line, snippet in find_hard_coded_relations(str(model.get("raw_code", "")))
    ]


# --------------------------------------------------------------------------------------------
# Trailing commas
# --------------------------------------------------------------------------------------------

# Jinja statements and comments are blanked (both branches of an `{% if %}` are checked, as
# written); a Jinja expression counts as a value (`{{ col }},\n from` is a trailing comma).
_TRAILING_COMMA = re.compile(r",\s*(?=\b(?:from|where|group|having|union)\b|\))", re.IGNORECASE)
_SQL_RESOURCE_TYPES = ("model", "test", "analysis", "snapshot")


def find_trailing_commas(raw_code: str) -> list[tuple[int, str]]:
    """(line, text) of every comma followed only by blanks and then `from`, `where`, `group`,
    `having`, `union` or `)`.

    Jinja, SQL comments and string literals are masked first (as for hard-coded relations); a
    string literal counts as a value (`, '/')` is not a trailing comma).
    """
    code = _mask_sql(_mask_jinja(raw_code), literal_fill="_")
    found = []
    for match in _TRAILING_COMMA.finditer(code):
        start = match.start()
        line_start = raw_code.rfind("\n", 0, start) + 1
        line_end = raw_code.find("\n", start)
        snippet = raw_code[line_start : len(raw_code) if line_end == -1 else line_end].strip()
        found.append((code.count("\n", 0, start) + 1, snippet))
    return found


def check_trailing_commas(manifest: Node) -> list[Violation]:
    project = _project_name(manifest)
    nodes = [
        n
        for n in _own(manifest.get("nodes", {}).values(), project)
        if n.get("resource_type") in _SQL_RESOURCE_TYPES and n.get("language", "sql") == "sql"
    ]
    found = []
    for node, code in [(n, str(n.get("raw_code", ""))) for n in nodes] + [
        (m, str(m.get("macro_sql", ""))) for m in _own(manifest.get("macros", {}).values(), project)
    ]:
        found += [
            _violation(
                "trailing-comma",
                node,
                f"line {line}: `{snippet}` ends a list with a comma",
            )
            for line, snippet in find_trailing_commas(code)
        ]
    return found


# --------------------------------------------------------------------------------------------
# Source rules
# --------------------------------------------------------------------------------------------


def _has_freshness(source: Node) -> bool:
    freshness = source.get("freshness") or source.get("config", {}).get("freshness") or {}
    return any(
        (freshness.get(level) or {}).get("count") is not None
        for level in ("warn_after", "error_after")
    )


def check_sources(manifest: Node) -> list[Violation]:
    sources = sorted(
        _own(manifest.get("sources", {}).values(), _project_name(manifest)),
        key=lambda s: str(s["unique_id"]),
    )
    found = []
    undescribed_sources_seen: set[str] = set()
    for source in sources:
        source_name = str(source.get("source_name"))
        table = f"{source_name}.{source.get('name')}"
        if _blank(source.get("source_description")) and source_name not in undescribed_sources_seen:
            undescribed_sources_seen.add(source_name)
            found.append(
                _violation("source-description", source, "source has no description", source_name)
            )
        if _blank(source.get("description")):
            found.append(
                _violation("source-description", source, "source table has no description", table)
            )
        if not _has_freshness(source):
            found.append(
                _violation(
                    "source-freshness",
                    source,
                    "no freshness (warn_after/error_after) on the source or the table",
                    table,
                )
            )
        elif not (source.get("loaded_at_field") or source.get("loaded_at_query")):
            found.append(
                _violation(
                    "source-freshness",
                    source,
                    "freshness without loaded_at_field or loaded_at_query: nothing to measure",
                    table,
                )
            )
    return found


# --------------------------------------------------------------------------------------------
# Running the rules
# --------------------------------------------------------------------------------------------


def check_manifest(manifest: Node) -> list[Violation]:
    """Every violation of every rule, sorted by rule (in RULES order), node and message."""
    models = _models(manifest)
    models_by_id = {str(m["unique_id"]): m for m in models}
    tests = _tests_by_model(manifest)
    found: list[Violation] = []
    for model in models:
        found += check_descriptions(model)
        found += check_primary_key(model, tests.get(str(model["unique_id"]), []))
        found += check_source_usage(model)
        found += check_staging_dependencies(model, models_by_id)
        found += check_naming(model)
        found += check_hard_coded_relations(model)
        found += check_mart_contract(model)
    found += check_sources(manifest)
    found += check_trailing_commas(manifest)
    order = {rule: i for i, rule in enumerate(RULES)}
    return sorted(found, key=lambda v: (order[v.rule], v.node, v.message))


def parse_exemptions(data: object, origin: str = DEFAULT_CONFIG) -> list[Exemption]:
    """Read `{exemptions: {rule: [{node, reason}, ...]}}`; every entry needs a reason."""
    if data is None:
        return []
    if not isinstance(data, Mapping):
        raise RulesError(f"{origin}: expected a mapping with an `exemptions:` key")
    unknown_keys = set(data) - {"exemptions"}
    if unknown_keys:
        raise RulesError(f"{origin}: unknown keys {sorted(unknown_keys)}")
    by_rule = data.get("exemptions") or {}
    if not isinstance(by_rule, Mapping):
        raise RulesError(f"{origin}: `exemptions` must map a rule to a list of nodes")
    exemptions = []
    for rule, entries in by_rule.items():
        if rule not in RULES:
            raise RulesError(f"{origin}: unknown rule `{rule}` (known: {', '.join(RULES)})")
        if not isinstance(entries, list):
            raise RulesError(f"{origin}: `{rule}` must be a list of {{node, reason}} entries")
        for entry in entries:
            if not isinstance(entry, Mapping):
                raise RulesError(
                    f"{origin}: `{rule}` entry {entry!r} must be a mapping with `node` and `reason`"
                )
            if _blank(entry.get("node")):
                raise RulesError(f"{origin}: each `{rule}` entry needs a `node`")
            if _blank(entry.get("reason")):
                raise RulesError(
                    f"{origin}: exemption of `{entry['node']}` from `{rule}` needs a `reason`"
                )
            exemptions.append(Exemption(rule, str(entry["node"]), str(entry["reason"]).strip()))
    return exemptions


def load_exemptions(path: Path) -> list[Exemption]:
    if not path.exists():
        return []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise RulesError(f"{path}: invalid YAML: {error}") from error
    return parse_exemptions(data, str(path))


def apply_exemptions(
    violations: Sequence[Violation], exemptions: Sequence[Exemption]
) -> tuple[list[Violation], list[Violation], list[Exemption]]:
    """Split violations into (kept, exempted) and list the exemptions that matched nothing."""
    kept, exempted = [], []
    used: set[Exemption] = set()
    for violation in violations:
        matching = [e for e in exemptions if e.matches(violation)]
        if matching:
            exempted.append(violation)
            used.update(matching)
        else:
            kept.append(violation)
    unused = [e for e in exemptions if e not in used]
    return kept, exempted, unused


def load_manifest(path: Path) -> dict[str, Any]:
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise RulesError(f"{path}: not found (run `dbt parse` first)") from error
    except json.JSONDecodeError as error:
        raise RulesError(f"{path}: not valid JSON: {error}") from error
    if not isinstance(manifest, dict) or "nodes" not in manifest:
        raise RulesError(f"{path}: does not look like a dbt manifest")
    return manifest


def format_report(
    violations: Sequence[Violation],
    exempted: Sequence[Violation],
    unused: Sequence[Exemption],
    checked: str,
) -> str:
    lines = [f"project rules: {checked}"]
    if violations:
        rule_width = max(len(v.rule) for v in violations)
        node_width = min(max(len(v.node) for v in violations), 48)
        lines.append("")
        lines.append(f"{'RULE':<{rule_width}}  {'NODE':<{node_width}}  MESSAGE")
        for v in violations:
            where = f" [{v.path}]" if v.path else ""
            lines.append(f"{v.rule:<{rule_width}}  {v.node:<{node_width}}  {v.message}{where}")
        lines.append("")
        counts: dict[str, int] = {}
        for v in violations:
            counts[v.rule] = counts.get(v.rule, 0) + 1
        per_rule = ", ".join(f"{rule}: {n}" for rule, n in counts.items())
        lines.append(f"{len(violations)} violation(s) ({per_rule})")
    else:
        lines.append("no violations")
    if exempted:
        lines.append(f"{len(exempted)} violation(s) exempted in {DEFAULT_CONFIG}")
    for e in unused:
        lines.append(f"warning: exemption of `{e.node}` from `{e.rule}` matched nothing; remove it")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m clicktrail.project_rules",
        description="Check the project rules (see module docstring) on a dbt manifest.",
    )
    parser.add_argument("manifest", type=Path, nargs="?", help="path to target/manifest.json")
    parser.add_argument(
        "--config",
        type=Path,
        default=Path(DEFAULT_CONFIG),
        help=f"exemptions file (default: ./{DEFAULT_CONFIG}; a missing file means none)",
    )
    parser.add_argument("--list-rules", action="store_true", help="print the rules and exit")
    args = parser.parse_args(argv)
    if args.list_rules:
        for rule, description in RULES.items():
            print(f"{rule:<24} {description}")
        return 0
    if args.manifest is None:
        parser.error("the manifest path is required (e.g. target/manifest.json)")
    try:
        manifest = load_manifest(args.manifest)
        exemptions = load_exemptions(args.config)
    except RulesError as error:
        print(f"project rules: error: {error}", file=sys.stderr)
        return 2
    kept, exempted, unused = apply_exemptions(check_manifest(manifest), exemptions)
    models = len(_models(manifest))
    sources = len(list(_own(manifest.get("sources", {}).values(), _project_name(manifest))))
    checked = f"{models} model(s), {sources} source table(s)"
    print(format_report(kept, exempted, unused, checked))
    return 1 if kept else 0


if __name__ == "__main__":
    sys.exit(main())
