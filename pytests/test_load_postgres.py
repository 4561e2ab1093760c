"""Unit tests of clicktrail.load_postgres that need no server (the load itself is exercised
end to end by test_postgres_build.py)."""

from __future__ import annotations

from typing import Any

import duckdb
import pytest

from clicktrail import load_postgres as lp


def source(name: str, location: str | None, **extra: Any) -> dict[str, Any]:
    return {
        "unique_id": f"source.clicktrail.{name}.events",
        "package_name": extra.pop("package", "clicktrail"),
        "schema": f"raw_{name}",
        "identifier": "events",
        "meta": {"external_location": location} if location else {},
        "config": {"enabled": extra.pop("enabled", True)},
    }


def test_raw_tables_take_enabled_own_sources_with_a_location() -> None:
    manifest = {
        "metadata": {"project_name": "clicktrail"},
        "sources": {
            "b": source(
                "mixpanel",
                "read_csv('x/*.json', columns={{'raw_line': 'VARCHAR'}},\n  header=false)",
            ),
            "a": source("crm", "read_csv('c/*.csv')"),
            "c": source("snowplow", "read_csv('s/*.csv')", enabled=False),
            "d": source("other", "read_csv('o/*.csv')", package="some_package"),
            "e": source("bigquery_only", None),
        },
    }
    tables = lp.raw_tables(manifest)
    assert [(t.schema, t.identifier) for t in tables] == [
        ("raw_crm", "events"),
        ("raw_mixpanel", "events"),
    ]
    # dbt-duckdb's str.format escapes: `{{` is a literal brace; whitespace is folded.
    assert tables[1].reader == (
        "read_csv('x/*.json', columns={'raw_line': 'VARCHAR'}, header=false)"
    )


@pytest.mark.parametrize(
    ("duckdb_type", "expected"),
    [
        ("VARCHAR", "text"),
        ("BIGINT", "bigint"),
        ("DOUBLE", "double precision"),
        ("BOOLEAN", "boolean"),
        ("TIMESTAMP WITH TIME ZONE", "timestamptz"),
        ("DECIMAL(18,3)", "numeric(18,3)"),
        ("STRUCT(category VARCHAR)", None),
        ('STRUCT("key" VARCHAR, "value" STRUCT(int_value BIGINT))[]', None),
    ],
)
def test_postgres_type(duckdb_type: str, expected: str | None) -> None:
    assert lp.postgres_type(duckdb_type) == expected


def test_column_plan_renders_nested_columns_as_json() -> None:
    con = duckdb.connect()
    reader = "(select 1::bigint as n, {'category': 'desktop'} as device, ['a', 'b'] as tags)"
    assert lp.column_plan(con, reader) == [
        ("n", "bigint", '"n"'),
        ("device", "jsonb", 'to_json("device")'),
        ("tags", "jsonb", 'to_json("tags")'),
    ]
