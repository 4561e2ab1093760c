"""Load raw vendor files into PostgreSQL tables that the project's sources point at.

On DuckDB the sources read the files in place (`meta.external_location` in each
`_<source>__sources.yml`). On PostgreSQL they are tables, `<schema>.<identifier>` of each
source. This loader reads every enabled source with the very reader expression the DuckDB
build uses (taken from dbt's manifest, so there is one definition of how a file is read) and
copies the rows into PostgreSQL: scalar columns keep their type, nested ones (GA4's
event_params, device, ...) become `jsonb`, as a BigQuery export lands in a JSON-typed
warehouse.

Usage::

    dbt parse --target postgres
    python -m clicktrail.load_postgres target/manifest.json --dsn "host=... dbname=..."

Every table is emptied and filled again with the whole raw folder (re-created when its columns
changed): the loader stands in for the EL tool that would fill these schemas in production.
Incremental models still process only what is new: they track the files they have loaded.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

SCALAR_TYPES: dict[str, str] = {
    "VARCHAR": "text",
    "BOOLEAN": "boolean",
    "TINYINT": "smallint",
    "SMALLINT": "smallint",
    "INTEGER": "integer",
    "BIGINT": "bigint",
    "UTINYINT": "smallint",
    "USMALLINT": "integer",
    "UINTEGER": "bigint",
    "UBIGINT": "numeric",
    "HUGEINT": "numeric",
    "FLOAT": "real",
    "DOUBLE": "double precision",
    "DATE": "date",
    "TIMESTAMP": "timestamp",
    "TIMESTAMP WITH TIME ZONE": "timestamptz",
}


class LoadError(Exception):
    """A raw table did not arrive whole."""


@dataclass(frozen=True)
class RawTable:
    """One source table: where PostgreSQL keeps it and how DuckDB reads its files."""

    schema: str
    identifier: str
    reader: str


def raw_tables(manifest: Mapping[str, Any]) -> list[RawTable]:
    """Every enabled source table of the root project that has an external location."""
    project = manifest.get("metadata", {}).get("project_name")
    tables = []
    for source in manifest.get("sources", {}).values():
        if project is not None and source.get("package_name") != project:
            continue
        meta = source.get("meta") or source.get("config", {}).get("meta") or {}
        location = meta.get("external_location")
        if not location or not source.get("config", {}).get("enabled", True):
            continue
        # dbt-duckdb formats the location with str.format: `{{` stands for `{`.
        reader = " ".join(location.split()).replace("{{", "{").replace("}}", "}")
        tables.append(RawTable(str(source["schema"]), str(source["identifier"]), reader))
    return sorted(tables, key=lambda t: (t.schema, t.identifier))


def postgres_type(duckdb_type: str) -> str | None:
    """The PostgreSQL type of a scalar DuckDB type; None for nested types (-> jsonb)."""
    if duckdb_type.startswith("DECIMAL"):
        return duckdb_type.lower().replace("decimal", "numeric")
    return SCALAR_TYPES.get(duckdb_type)


def quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def column_plan(con: duckdb.DuckDBPyConnection, reader: str) -> list[tuple[str, str, str]]:
    """(column, PostgreSQL type, DuckDB select expression) for every column of a reader."""
    described = con.execute(f"describe select * from {reader}").fetchall()
    plan = []
    for name, duck_type, *_ in described:
        pg_type = postgres_type(str(duck_type))
        if pg_type is None:
            plan.append((name, "jsonb", f"to_json({quote(name)})"))
        else:
            plan.append((name, pg_type, quote(name)))
    return plan


def export_csv(
    con: duckdb.DuckDBPyConnection, table: RawTable, path: Path
) -> tuple[list[tuple[str, str]], int]:
    """Write the table's rows to a CSV file for COPY; return its (column, type) pairs and the
    number of rows written."""
    plan = column_plan(con, table.reader)
    select_list = ", ".join(f"{expr} as {quote(name)}" for name, _, expr in plan)
    written = con.execute(
        f"copy (select {select_list} from {table.reader}) to '{path}' "
        "(format csv, header false, force_quote *)"
    ).fetchall()
    return [(name, pg_type) for name, pg_type, _ in plan], int(written[0][0])


# How format_type() spells the types above that it spells differently.
FORMAT_TYPE = {
    "timestamp": "timestamp without time zone",
    "timestamptz": "timestamp with time zone",
}


def replace_table(cur: Any, table: RawTable, columns: list[tuple[str, str]]) -> None:
    """Leave an empty table with `columns`: truncated when it has them already (the staging
    views reading it stay), else re-created (dropping those views; dbt re-creates them)."""
    target = f"{quote(table.schema)}.{quote(table.identifier)}"
    cur.execute("select to_regclass(%s)", (target,))
    (exists,) = cur.fetchone()
    if exists:
        cur.execute(
            "select attname, format_type(atttypid, atttypmod) from pg_attribute "
            "where attrelid = %s::regclass and attnum > 0 and not attisdropped order by attnum",
            (target,),
        )
        wanted = [(name, FORMAT_TYPE.get(pg_type, pg_type)) for name, pg_type in columns]
        if [tuple(row) for row in cur.fetchall()] == wanted:
            cur.execute(f"truncate table {target}")
            return
        print(f"{table.schema}.{table.identifier}: columns changed, re-created", file=sys.stderr)
        cur.execute(f"drop table {target} cascade")
    definitions = ", ".join(f"{quote(name)} {pg_type}" for name, pg_type in columns)
    cur.execute(f"create table {target} ({definitions})")


def load(manifest: Mapping[str, Any], dsn: str) -> Iterator[tuple[RawTable, int]]:
    """Load every raw table; yields each table with the number of rows PostgreSQL holds."""
    import psycopg2  # imported here: only the PostgreSQL extra installs it

    duck = duckdb.connect()
    with tempfile.TemporaryDirectory() as tmp, closing(psycopg2.connect(dsn)) as pg:
        for i, table in enumerate(raw_tables(manifest)):
            csv_path = Path(tmp) / f"{i}.csv"
            columns, exported = export_csv(duck, table, csv_path)
            target = f"{quote(table.schema)}.{quote(table.identifier)}"
            with pg.cursor() as cur:
                cur.execute(f"create schema if not exists {quote(table.schema)}")
                replace_table(cur, table, columns)
                # force_quote: an empty string stays '' and only an unquoted empty is NULL.
                with csv_path.open(encoding="utf-8", newline="") as f:
                    cur.copy_expert(f"copy {target} from stdin with (format csv)", f)
                cur.execute(f"select count(*) from {target}")
                (rows,) = cur.fetchone()
            if rows != exported:
                pg.rollback()
                raise LoadError(
                    f"{target}: read {exported} rows from files, PostgreSQL holds {rows}"
                )
            pg.commit()
            yield table, int(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m clicktrail.load_postgres", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("manifest", type=Path, help="dbt's target/manifest.json")
    parser.add_argument("--dsn", required=True, help="libpq connection string")
    args = parser.parse_args(argv)
    manifest = json.loads(args.manifest.read_text(encoding="utf-8"))
    if not raw_tables(manifest):
        print("no source with an external location in the manifest", file=sys.stderr)
        return 2
    for table, rows in load(manifest, args.dsn):
        print(f"{table.schema}.{table.identifier}: {rows:,} rows  <- {_short(table.reader)}")
    return 0


def _short(reader: str) -> str:
    match = re.match(r"(\w+)\('([^']*)'", reader)
    return f"{match.group(1)}({match.group(2)})" if match else reader[:60]


if __name__ == "__main__":
    sys.exit(main())
