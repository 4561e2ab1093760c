"""Tests for clicktrail.project_rules on small synthetic manifests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from clicktrail import project_rules as pr

PROJECT = "clicktrail"


# --------------------------------------------------------------------------------------------
# Builders
# --------------------------------------------------------------------------------------------


def model(
    path: str,
    *,
    description: str = "A model.",
    columns: dict[str, dict[str, Any]] | None = None,
    depends_on: list[str] | None = None,
    raw_code: str = "select 1 as id",
    materialized: str = "table",
    contract: bool | None = None,
    constraints: list[dict[str, Any]] | None = None,
    package: str = PROJECT,
) -> dict[str, Any]:
    """A model node; `path` is relative to models/, e.g. 'marts/sales/fct_orders.sql'."""
    name = path.rsplit("/", 1)[-1].removesuffix(".sql")
    enforced = path.startswith("marts/") if contract is None else contract
    deps = depends_on or []
    return {
        "resource_type": "model",
        "name": name,
        "unique_id": f"model.{package}.{name}",
        "package_name": package,
        "path": path,
        "original_file_path": f"models/{path}",
        "description": description,
        "columns": {
            col: {"name": col, "description": "A column.", "constraints": [], **spec}
            for col, spec in (columns or {"id": {}}).items()
        },
        "depends_on": {"nodes": deps, "macros": []},
        "sources": [d.split(".")[2:] for d in deps if d.startswith("source.")],
        "raw_code": raw_code,
        "language": "sql",
        "config": {
            "materialized": materialized,
            "contract": {"enforced": enforced},
            "enabled": True,
        },
        "contract": {"enforced": enforced},
        "constraints": constraints or [],
    }


def generic_test(
    name: str,
    model_id: str,
    column: str | None = None,
    where: str | None = None,
    **kwargs: Any,
) -> dict[str, Any]:
    suffix = f"{model_id.split('.')[-1]}_{column or 'model'}"
    if column:
        kwargs["column_name"] = column
    return {
        "resource_type": "test",
        "name": f"{name}_{suffix}",
        "unique_id": f"test.{PROJECT}.{name}_{suffix}",
        "package_name": PROJECT,
        "attached_node": model_id,
        "column_name": column,
        "test_metadata": {"name": name, "kwargs": kwargs, "namespace": None},
        "depends_on": {"nodes": [model_id], "macros": []},
        "config": {"enabled": True, "where": where},
    }


def pk_tests(node: dict[str, Any], column: str = "id") -> list[dict[str, Any]]:
    return [
        generic_test("unique", node["unique_id"], column),
        generic_test("not_null", node["unique_id"], column),
    ]


def source(
    source_name: str = "crm",
    table: str = "contacts",
    *,
    description: str = "A table.",
    source_description: str = "A source.",
    freshness: bool = True,
    loaded_at_field: str | None = "loaded_at",
    loaded_at_query: str | None = None,
) -> dict[str, Any]:
    after = {"count": 1 if freshness else None, "period": "day" if freshness else None}
    return {
        "resource_type": "source",
        "unique_id": f"source.{PROJECT}.{source_name}.{table}",
        "package_name": PROJECT,
        "source_name": source_name,
        "name": table,
        "original_file_path": f"models/staging/{source_name}/_{source_name}__sources.yml",
        "description": description,
        "source_description": source_description,
        "freshness": {"warn_after": after, "error_after": {"count": None, "period": None}},
        "loaded_at_field": loaded_at_field,
        "loaded_at_query": loaded_at_query,
    }


def manifest(
    *nodes: dict[str, Any],
    sources: list[dict[str, Any]] | None = None,
    with_pk_tests: bool = True,
) -> dict[str, Any]:
    """A manifest holding `nodes`; every model gets unique + not_null on `id` by default."""
    all_nodes = list(nodes)
    if with_pk_tests:
        for node in nodes:
            if node["resource_type"] == "model":
                all_nodes += pk_tests(node)
    return {
        "metadata": {"project_name": PROJECT},
        "nodes": {n["unique_id"]: n for n in all_nodes},
        "sources": {s["unique_id"]: s for s in sources or []},
    }


def rules_fired(m: dict[str, Any]) -> list[tuple[str, str]]:
    return [(v.rule, v.node) for v in pr.check_manifest(m)]


SRC = "source.clicktrail.crm.contacts"


def clean_project() -> dict[str, Any]:
    """A small project that follows every rule."""
    base = model(
        "staging/crm/base/base_crm__contacts_parsed.sql",
        depends_on=[SRC],
        raw_code="select * from {{ source('crm', 'contacts') }}",
        materialized="view",
    )
    stg = model(
        "staging/crm/stg_crm__contacts.sql",
        depends_on=[base["unique_id"]],
        raw_code=(
            "with parsed as (select * from {{ ref('base_crm__contacts_parsed') }})\n"
            "select *, extract(epoch from parsed.created_at) as ts from parsed"
        ),
        materialized="view",
    )
    intermediate = model(
        "intermediate/identity/int_identities_resolved.sql", depends_on=[stg["unique_id"]]
    )
    dim = model("marts/core/dim_contacts.sql", depends_on=[intermediate["unique_id"]])
    return manifest(base, stg, intermediate, dim, sources=[source()])


# --------------------------------------------------------------------------------------------
# The clean project passes; each rule fires on a broken variant
# --------------------------------------------------------------------------------------------


def test_clean_project_has_no_violation() -> None:
    assert pr.check_manifest(clean_project()) == []


def test_every_rule_has_a_description_and_is_ordered() -> None:
    assert all(text for text in pr.RULES.values())
    assert "model-primary-key" in pr.RULES


def test_model_without_description() -> None:
    m = manifest(model("intermediate/x/int_things_joined.sql", description="  "))
    assert rules_fired(m) == [("model-description", "int_things_joined")]


def test_column_without_description() -> None:
    node = model(
        "intermediate/x/int_things_joined.sql",
        columns={"id": {}, "amount": {"description": ""}},
    )
    violations = pr.check_manifest(manifest(node))
    assert [(v.rule, v.node) for v in violations] == [("column-description", "int_things_joined")]
    assert "`amount`" in violations[0].message


def test_model_without_primary_key_test() -> None:
    m = manifest(model("intermediate/x/int_things_joined.sql"), with_pk_tests=False)
    assert rules_fired(m) == [("model-primary-key", "int_things_joined")]


@pytest.mark.parametrize("only", ["unique", "not_null"])
def test_half_a_primary_key_pair_is_not_enough(only: str) -> None:
    node = model("intermediate/x/int_things_joined.sql")
    m = manifest(node, generic_test(only, node["unique_id"], "id"), with_pk_tests=False)
    assert rules_fired(m) == [("model-primary-key", "int_things_joined")]


def test_unique_and_not_null_on_different_columns_is_not_a_key() -> None:
    node = model("intermediate/x/int_things_joined.sql", columns={"id": {}, "other": {}})
    m = manifest(
        node,
        generic_test("unique", node["unique_id"], "id"),
        generic_test("not_null", node["unique_id"], "other"),
        with_pk_tests=False,
    )
    assert rules_fired(m) == [("model-primary-key", "int_things_joined")]


def test_filtered_unique_test_is_not_a_key() -> None:
    node = model("intermediate/x/int_things_joined.sql")
    m = manifest(
        node,
        generic_test("unique", node["unique_id"], "id", where="is_current"),
        generic_test("not_null", node["unique_id"], "id"),
        with_pk_tests=False,
    )
    assert rules_fired(m) == [("model-primary-key", "int_things_joined")]


def test_last_run_scoped_unique_test_is_a_key() -> None:
    node = model("intermediate/x/int_things_joined.sql")
    m = manifest(
        node,
        generic_test("unique", node["unique_id"], "id", where="__last_run__ on id"),
        generic_test("not_null", node["unique_id"], "id", where="__last_run__"),
        with_pk_tests=False,
    )
    assert rules_fired(m) == []


def test_unique_combination_of_columns_is_a_key() -> None:
    node = model("intermediate/x/int_things_joined.sql", columns={"a": {}, "b": {}})
    pk = generic_test(
        "unique_combination_of_columns", node["unique_id"], combination_of_columns=["a", "b"]
    )
    m = manifest(node, pk, with_pk_tests=False)
    assert rules_fired(m) == []
    assert pr.primary_key_evidence(node, [pk]) == "unique_combination_of_columns test"


def test_model_level_primary_key_constraint_on_contracted_table_is_a_key() -> None:
    node = model(
        "marts/core/dim_things.sql",
        columns={"a": {"data_type": "varchar"}, "b": {"data_type": "varchar"}},
        constraints=[{"type": "primary_key", "columns": ["a", "b"]}],
    )
    assert rules_fired(manifest(node, with_pk_tests=False)) == []


def test_column_level_primary_key_constraint_is_a_key() -> None:
    node = model(
        "marts/core/dim_things.sql",
        columns={"id": {"constraints": [{"type": "primary_key"}]}},
    )
    assert rules_fired(manifest(node, with_pk_tests=False)) == []


def test_primary_key_constraint_without_contract_is_not_a_key() -> None:
    node = model(
        "intermediate/x/int_things_joined.sql",
        constraints=[{"type": "primary_key", "columns": ["id"]}],
    )
    violations = pr.check_manifest(manifest(node, with_pk_tests=False))
    assert [(v.rule, v.node) for v in violations] == [("model-primary-key", "int_things_joined")]
    assert "contract" in violations[0].message


def test_primary_key_constraint_on_a_view_is_not_a_key() -> None:
    node = model(
        "marts/core/dim_things.sql",
        materialized="view",
        constraints=[{"type": "primary_key", "columns": ["id"]}],
    )
    assert rules_fired(manifest(node, with_pk_tests=False)) == [("model-primary-key", "dim_things")]


def test_source_used_outside_staging() -> None:
    node = model(
        "intermediate/x/int_things_joined.sql",
        depends_on=[SRC],
        raw_code="select * from {{ source('crm', 'contacts') }}",
    )
    violations = pr.check_manifest(manifest(node, sources=[source()]))
    assert [(v.rule, v.node) for v in violations] == [
        ("source-outside-staging", "int_things_joined")
    ]
    assert "crm.contacts" in violations[0].message


def test_source_used_in_staging_is_fine() -> None:
    node = model("staging/crm/stg_crm__contacts.sql", depends_on=[SRC], materialized="view")
    assert rules_fired(manifest(node, sources=[source()])) == []


def test_stg_on_stg_is_a_violation() -> None:
    first = model("staging/crm/stg_crm__contacts.sql", depends_on=[SRC])
    second = model("staging/crm/stg_crm__companies.sql", depends_on=[first["unique_id"]])
    assert rules_fired(manifest(first, second, sources=[source()])) == [
        ("staging-dependency", "stg_crm__companies")
    ]


def test_stg_on_base_of_another_source_is_a_violation() -> None:
    base = model("staging/esp/base/base_esp__events_parsed.sql")
    stg = model("staging/crm/stg_crm__contacts.sql", depends_on=[base["unique_id"]])
    assert rules_fired(manifest(base, stg)) == [("staging-dependency", "stg_crm__contacts")]


def test_base_on_stg_is_a_violation() -> None:
    stg = model("staging/crm/stg_crm__contacts.sql", depends_on=[SRC])
    base = model("staging/crm/base/base_crm__joined.sql", depends_on=[stg["unique_id"]])
    assert rules_fired(manifest(stg, base, sources=[source()])) == [
        ("staging-dependency", "base_crm__joined")
    ]


def test_base_on_base_is_a_violation() -> None:
    first = model("staging/crm/base/base_crm__a.sql", depends_on=[SRC])
    second = model("staging/crm/base/base_crm__b.sql", depends_on=[first["unique_id"]])
    assert rules_fired(manifest(first, second, sources=[source()])) == [
        ("staging-dependency", "base_crm__b")
    ]


def test_staging_may_read_a_seed() -> None:
    seed = {
        "resource_type": "seed",
        "name": "esp_event_type_map",
        "unique_id": f"seed.{PROJECT}.esp_event_type_map",
        "package_name": PROJECT,
    }
    stg = model(
        "staging/crm/stg_crm__contacts.sql",
        depends_on=[SRC, seed["unique_id"]],
        materialized="view",
    )
    assert rules_fired(manifest(seed, stg, sources=[source()])) == []


@pytest.mark.parametrize(
    "path",
    [
        "marts/sales/orders.sql",
        "marts/sales/int_orders.sql",
        "intermediate/x/orders_joined.sql",
        "staging/crm/contacts.sql",
        "staging/crm/stg_contacts.sql",  # no <source>__
        "staging/crm/stg_esp__contacts.sql",  # source in the name is not the folder
        "staging/crm/base_crm__contacts.sql",  # base_ outside base/
        "staging/crm/base/stg_crm__contacts.sql",  # stg_ inside base/
        "staging/stg_crm__contacts.sql",  # no source folder
        "reporting/fct_orders.sql",  # not a layer
    ],
)
def test_badly_named_or_placed_models(path: str) -> None:
    node = model(path, contract=False)
    names = [(v.rule, v.node) for v in pr.check_manifest(manifest(node))]
    assert ("model-naming", node["name"]) in names


@pytest.mark.parametrize(
    "path",
    [
        "marts/sales/fct_orders.sql",
        "marts/sales/dim_customers.sql",
        "marts/sales/rpt_pipeline_weekly.sql",
        "intermediate/x/int_orders_joined.sql",
        "staging/crm/stg_crm__contacts.sql",
        "staging/crm/stg_crm__contacts_quarantined.sql",
        "staging/crm/base/base_crm__contacts_parsed.sql",
    ],
)
def test_well_named_models(path: str) -> None:
    assert rules_fired(manifest(model(path))) == []


def test_mart_without_contract() -> None:
    node = model("marts/sales/fct_orders.sql", contract=False)
    assert rules_fired(manifest(node)) == [("mart-contract", "fct_orders")]


def test_contract_not_required_outside_marts() -> None:
    node = model("intermediate/x/int_orders_joined.sql", contract=False)
    assert rules_fired(manifest(node)) == []


def test_source_table_without_freshness() -> None:
    m = manifest(sources=[source(freshness=False)])
    assert rules_fired(m) == [("source-freshness", "crm.contacts")]


def test_source_freshness_without_loaded_at_is_a_violation() -> None:
    m = manifest(sources=[source(loaded_at_field=None)])
    violations = pr.check_manifest(m)
    assert [(v.rule, v.node) for v in violations] == [("source-freshness", "crm.contacts")]
    assert "loaded_at" in violations[0].message


def test_source_freshness_with_loaded_at_query_is_fine() -> None:
    m = manifest(sources=[source(loaded_at_field=None, loaded_at_query="select now()")])
    assert rules_fired(m) == []


def test_source_and_table_descriptions() -> None:
    m = manifest(
        sources=[
            source("crm", "contacts", description="", source_description=""),
            source("crm", "opportunities", source_description=""),
        ]
    )
    assert rules_fired(m) == [
        ("source-description", "crm"),  # reported once per source
        ("source-description", "crm.contacts"),
    ]


def test_hard_coded_relation_in_model() -> None:
    node = model(
        "intermediate/x/int_orders_joined.sql",
        raw_code="select *\nfrom {{ ref('a') }} as a\nleft join raw_crm.contacts as c on true",
    )
    violations = pr.check_manifest(manifest(node))
    assert [(v.rule, v.node) for v in violations] == [("hard-coded-relation", "int_orders_joined")]
    assert "line 3" in violations[0].message
    assert "raw_crm.contacts" in violations[0].message


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("select * from raw.orders", ["from raw.orders"]),
        ('select * from "raw"."orders"', ['from "raw"."orders"']),
        ("select * from db.raw.orders", ["from db.raw.orders"]),
        ("select 1 from a\nINNER JOIN raw.b on true", ["JOIN raw.b"]),
        ("select * from {{ target.schema }}.orders", ["from {{ target.schema }}.orders"]),
        ("with x as (\n    select * from s.t\n)\nselect * from x", ["from s.t"]),
        ("select * from {{ ref('a') }} where id in (select id from s.t)", ["from s.t"]),
        ("{% if true %}select * from s.t{% endif %}", ["from s.t"]),
        ("select * from {{ ref('orders') }}", []),
        ("select * from {{ source('crm', 'contacts') }} as c", []),
        ("select * from orders_cte", []),
        ("select extract(epoch from t.created_at) from t", []),
        ("select trim(both from t.x), substring(t.y from 2) from t", []),
        ("select a.x is distinct from b.x from a", []),
        ("select a.x is not distinct from b.x from a", []),
        ("select 'from a.b' as s from t", []),
        ("-- from a.b\nselect 1", []),
        ("/* join a.b */ select 1", []),
        ("{# from a.b #} select 1", []),
        ("select * from main.read_parquet('x.parquet')", []),
        ("select * from read_csv('a.csv')", []),
        ("{{ config(post_hook='delete from a.b') }} select 1", []),
    ],
)
def test_find_hard_coded_relations(sql: str, expected: list[str]) -> None:
    assert [snippet for _, snippet in pr.find_hard_coded_relations(sql)] == expected


def test_trailing_comma_in_model_and_macro() -> None:
    node = model(
        "intermediate/x/int_orders_joined.sql",
        raw_code="select\n    id,\n    amount,\nfrom {{ ref('a') }}",
    )
    m = manifest(node)
    m["macros"] = {
        "macro.clicktrail.pick": {
            "unique_id": "macro.clicktrail.pick",
            "name": "pick",
            "package_name": PROJECT,
            "original_file_path": "macros/pick.sql",
            "macro_sql": "{% macro pick() %}select a, {{ b }},\n  from t{% endmacro %}",
        },
        "macro.other.pick": {
            "unique_id": "macro.other.pick",
            "name": "pick",
            "package_name": "other",
            "macro_sql": "{% macro pick() %}select a, from t{% endmacro %}",
        },
    }
    violations = pr.check_manifest(m)
    assert [(v.rule, v.node) for v in violations] == [
        ("trailing-comma", "int_orders_joined"),
        ("trailing-comma", "pick"),
    ]
    assert "line 3" in violations[0].message
    assert "`amount,`" in violations[0].message


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("select a, b, from t", ["select a, b, from t"]),
        ("select\n    a,\n    b,\n    -- note\nFROM t", ["b,"]),
        ("select coalesce(a, b,) as c from t", ["select coalesce(a, b,) as c from t"]),
        ("select a,\n{% if x %}\n    b,\n{% endif %}\nfrom t", ["b,"]),
        ("select {{ cols | join(', ') }},\nfrom t", ["select {{ cols | join(', ') }},"]),
        ("select a, b from t", []),
        ("select a,\n    b\nfrom t", []),
        ("select ', from' as s, b from t", []),
        ("select a -- a, from\nfrom t", []),
        ("{# a, from #} select a from t", []),
        ("{% set cols = ['a', 'b',] %} select a from t", []),
        ("{{ config(tags=['a',]) }} select a from t", []),
        ("select a, fromage from t", []),
        ("select 1 as a,\nwhere false", ["select 1 as a,"]),
        ("select a, b, from t group by a,\norder by a", ["select a, b, from t group by a,"]),
        ("select a, wherever from t", []),
        (
            "{{ config(post_hook=\"{{ m('x') }}\",\n) }}\nselect a from t",
            [],
        ),
        ("{{ f('}}', a,) }} select a from t", []),
        ('{% set s = "%}" %}select a,\nfrom t', ['{% set s = "%}" %}select a,']),
    ],
)
def test_find_trailing_commas(sql: str, expected: list[str]) -> None:
    assert [snippet for _, snippet in pr.find_trailing_commas(sql)] == expected


def test_package_nodes_are_not_checked() -> None:
    node = model("whatever/bad_name.sql", description="", package="dbt_utils")
    m = manifest(node, with_pk_tests=False)
    assert rules_fired(m) == []


# --------------------------------------------------------------------------------------------
# Exemptions and the command line
# --------------------------------------------------------------------------------------------


def test_exemptions_need_a_known_rule_and_a_reason() -> None:
    ok = {"exemptions": {"model-primary-key": [{"node": "int_x", "reason": "placeholder"}]}}
    assert pr.parse_exemptions(ok) == [pr.Exemption("model-primary-key", "int_x", "placeholder")]
    assert pr.parse_exemptions(None) == []
    assert pr.parse_exemptions({"exemptions": None}) == []
    with pytest.raises(pr.RulesError, match="reason"):
        pr.parse_exemptions({"exemptions": {"model-primary-key": [{"node": "int_x"}]}})
    with pytest.raises(pr.RulesError, match="reason"):
        pr.parse_exemptions(
            {"exemptions": {"model-primary-key": [{"node": "int_x", "reason": " "}]}}
        )
    with pytest.raises(pr.RulesError, match="unknown rule"):
        pr.parse_exemptions({"exemptions": {"no-such-rule": [{"node": "x", "reason": "r"}]}})
    with pytest.raises(pr.RulesError, match="must be a mapping"):
        pr.parse_exemptions({"exemptions": {"model-primary-key": ["int_x"]}})
    with pytest.raises(pr.RulesError, match="must be a list"):
        pr.parse_exemptions({"exemptions": {"model-primary-key": "int_x"}})
    with pytest.raises(pr.RulesError, match="node"):
        pr.parse_exemptions({"exemptions": {"model-primary-key": [{"reason": "r"}]}})


def test_exemption_removes_only_its_rule_and_node() -> None:
    a = model("intermediate/x/int_a_joined.sql", description="")
    b = model("intermediate/x/int_b_joined.sql", description="")
    m = manifest(a, b, with_pk_tests=False)
    exemptions = [
        pr.Exemption("model-primary-key", "int_a_joined", "placeholder"),
        pr.Exemption("model-primary-key", "model.clicktrail.int_b_joined", "by unique_id"),
        pr.Exemption("mart-contract", "int_a_joined", "stale"),
    ]
    kept, exempted, unused = pr.apply_exemptions(pr.check_manifest(m), exemptions)
    assert [(v.rule, v.node) for v in kept] == [
        ("model-description", "int_a_joined"),
        ("model-description", "int_b_joined"),
    ]
    assert len(exempted) == 2
    assert unused == [exemptions[2]]


def _write(tmp_path: Path, m: dict[str, Any], config: str | None = None) -> list[str]:
    manifest_path = tmp_path / "manifest.json"
    manifest_path.write_text(json.dumps(m), encoding="utf-8")
    config_path = tmp_path / "project-rules.yml"
    if config is not None:
        config_path.write_text(config, encoding="utf-8")
    return [str(manifest_path), "--config", str(config_path)]


def test_cli_exit_codes_and_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert pr.main(_write(tmp_path, clean_project())) == 0
    assert "no violations" in capsys.readouterr().out

    broken = manifest(model("intermediate/x/int_a_joined.sql"), with_pk_tests=False)
    assert pr.main(_write(tmp_path, broken)) == 1
    out = capsys.readouterr().out
    assert "RULE" in out and "NODE" in out and "MESSAGE" in out
    assert "model-primary-key" in out and "int_a_joined" in out
    assert "1 violation(s)" in out

    config = (
        "exemptions:\n"
        "  model-primary-key:\n"
        "    - node: int_a_joined\n"
        "      reason: the key is still being designed\n"
    )
    assert pr.main(_write(tmp_path, broken, config)) == 0
    assert "1 violation(s) exempted" in capsys.readouterr().out

    bad_config = "exemptions:\n  model-primary-key:\n    - node: int_a_joined\n"
    assert pr.main(_write(tmp_path, broken, bad_config)) == 2
    assert "reason" in capsys.readouterr().err


def test_cli_missing_manifest(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert pr.main([str(tmp_path / "nope.json")]) == 2
    assert "dbt parse" in capsys.readouterr().err


def test_repo_exemption_file_is_valid() -> None:
    root = Path(__file__).resolve().parents[1]
    pr.load_exemptions(root / pr.DEFAULT_CONFIG)
