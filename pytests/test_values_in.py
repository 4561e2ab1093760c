"""The `values_in` macro (macros/incremental/new_files_only.sql, D-033): a subquery's values
rendered as literals when the model runs, the subquery itself where literals are unsafe."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import dbt_env, run_dbt

pytestmark = pytest.mark.dbt

CASES = {
    # two values, sorted: literals
    "two": (
        "{{ clicktrail.values_in('c', \"select 'b' union all select 'a'\") }}",
        "c in ('a','b')",
    ),
    # nulls are dropped; a single value
    "null": ("{{ clicktrail.values_in('c', \"select 'a' union all select null\") }}", "c in ('a')"),
    # no values: nothing matches, or everything does when negated
    "empty": ("{{ clicktrail.values_in('c', 'select 1 where false') }}", "false"),
    "empty_not": ("{{ clicktrail.values_in('c', 'select 1 where false', negate=true) }}", "true"),
    # a quote in a value: the subquery, not a literal
    "quote": (
        "{{ clicktrail.values_in('c', \"select 'it''s'\", negate=true) }}",
        "c not in (select 'it''s')",
    ),
    # a value that is not text: the subquery
    "number": ("{{ clicktrail.values_in('c', 'select 7') }}", "c in (select 7)"),
}


def _squash(text: str) -> str:
    return "".join(text.split())


def test_values_rendered_as_literals_or_subquery(tmp_path: Path) -> None:
    inline = " ||| ".join(f"{name}=[{template}]" for name, (template, _) in CASES.items())
    result = run_dbt(
        ["compile", "--quiet", "--inline", inline],
        dbt_env(tmp_path / "raw", tmp_path / "values_in.duckdb"),
        tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    rendered = {
        part.split("=[", 1)[0].strip(): part.split("=[", 1)[1].rsplit("]", 1)[0]
        for part in result.stdout.split("|||")
    }
    for name, (_, expected) in CASES.items():
        assert _squash(rendered[name]) == _squash(expected), (name, rendered[name])
