"""Portability: the project builds on PostgreSQL and gives the marts the DuckDB build gives.

A throwaway PostgreSQL cluster (the server of this machine, `initdb` into a temporary folder)
is loaded with the fixture world's raw files by `clicktrail.load_postgres`; dbt builds every
seed, model, data test and unit test on it, except the three unit tests whose fixtures are
DuckDB struct literals (tag `duckdb_fixture`). Every mart is then compared with the DuckDB
build of the same world (conftest's `built_warehouse`), row for row, as multisets, on every
column but the load stamps (`_`-prefixed). Staging and intermediate relations are not
compared: they keep engine renderings on purpose (JSON text spacing, a native row hash).

The second test builds PostgreSQL the way a schedule does: a full refresh with the last days
held back, then an incremental run (delete+insert) once they arrive, and requires the same
DuckDB marts.

No server here: skipped, unless CLICKTRAIL_REQUIRE_POSTGRES=1 (set by .ci/run), which
turns the skip into a failure.
"""

from __future__ import annotations

import collections
import datetime as dt
import decimal
import json
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from conftest import ROOT, dbt_env, run_dbt
from test_incremental_equivalence import _copy_days, _day_of

from clicktrail import load_postgres

pytestmark = pytest.mark.dbt

HELD_BACK_DAYS = 3
SERVER_BINARIES = ("initdb", "pg_ctl")


def _server_bin() -> Path | None:
    """The folder holding initdb and pg_ctl: on PATH, else Debian's versioned folder."""
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), reverse=True)
    return candidates[0].parent if candidates else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_server_user(cmd: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: run it as `nobody` then."""
    return ["runuser", "-u", "nobody", "--", *cmd] if os.geteuid() == 0 else cmd


@pytest.fixture(scope="module")
def postgres() -> Iterator[dict[str, str]]:
    """A running cluster; yields the connection settings as CLICKTRAIL_PG_* variables."""
    bin_dir = _server_bin()
    if bin_dir is None:
        if os.environ.get("CLICKTRAIL_REQUIRE_POSTGRES") == "1":
            pytest.fail("CLICKTRAIL_REQUIRE_POSTGRES=1 but no PostgreSQL server (initdb) found")
        pytest.skip("no PostgreSQL server on this machine (initdb not found)")
    home = Path(tempfile.mkdtemp(prefix="clicktrail-pg-"))
    if os.geteuid() == 0:
        shutil.chown(home, user="nobody")
    data, port = home / "data", _free_port()
    initdb = [str(bin_dir / "initdb"), "-D", str(data), "-U", "clicktrail", "--auth=trust"]
    subprocess.run(
        _as_server_user([*initdb, "-E", "UTF8", "--no-sync"]),
        check=True,
        capture_output=True,
    )
    options = (
        f"-p {port} -k {home} -c listen_addresses=127.0.0.1 -c fsync=off "
        "-c synchronous_commit=off -c full_page_writes=off -c timezone=UTC"
    )
    pg_ctl = [str(bin_dir / "pg_ctl"), "-D", str(data)]
    subprocess.run(
        _as_server_user([*pg_ctl, "-o", options, "-l", str(home / "server.log"), "-w", "start"]),
        check=True,
        capture_output=True,
    )
    try:
        yield {
            "CLICKTRAIL_TARGET": "postgres",
            "CLICKTRAIL_PG_HOST": "127.0.0.1",
            "CLICKTRAIL_PG_PORT": str(port),
            "CLICKTRAIL_PG_USER": "clicktrail",
        }
    finally:
        subprocess.run(_as_server_user([*pg_ctl, "-m", "fast", "stop"]), check=False)
        shutil.rmtree(home, ignore_errors=True)


def _dsn(settings: dict[str, str], database: str) -> str:
    return (
        f"host={settings['CLICKTRAIL_PG_HOST']} port={settings['CLICKTRAIL_PG_PORT']} "
        f"user={settings['CLICKTRAIL_PG_USER']} dbname={database}"
    )


def _create_database(settings: dict[str, str], database: str) -> None:
    import psycopg2

    con = psycopg2.connect(_dsn(settings, "postgres"))
    con.autocommit = True
    with con.cursor() as cur:
        cur.execute(f'create database "{database}"')
    con.close()


def _load(raw: Path, settings: dict[str, str], database: str, work: Path) -> None:
    """Parse with the postgres target (source locations of `raw`), then load the raw tables."""
    env = dbt_env(raw, work / "unused.duckdb", **settings, CLICKTRAIL_PG_DATABASE=database)
    parsed = run_dbt(["parse"], env, work)
    assert parsed.returncode == 0, parsed.stdout[-3000:]
    manifest = json.loads((work / "target" / "manifest.json").read_text(encoding="utf-8"))
    loaded = dict(load_postgres.load(manifest, _dsn(settings, database)))
    assert loaded, "no raw table was loaded"


def _build(
    raw: Path, settings: dict[str, str], database: str, work: Path, full_refresh: bool
) -> None:
    env = dbt_env(raw, work / "unused.duckdb", **settings, CLICKTRAIL_PG_DATABASE=database)
    args = [
        "build",
        "--exclude",
        "tag:duckdb_fixture",
        *(["--full-refresh"] if full_refresh else []),
    ]
    result = run_dbt(args, env, work)
    failures = [line for line in result.stdout.splitlines() if "ERROR" in line or "FAIL" in line]
    assert result.returncode == 0, "\n".join(failures[-40:]) + result.stdout[-2000:]


def _normalised(value: Any) -> Any:
    """One rendering for both drivers: floats to 6 decimals, timestamps as ISO text."""
    if isinstance(value, float | decimal.Decimal):
        return round(float(value), 6) + 0.0
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _mart_rows(duck: duckdb.DuckDBPyConnection) -> dict[str, tuple[list[str], collections.Counter]]:
    marts = duck.execute(
        "select table_name from information_schema.tables where table_schema = 'marts' order by 1"
    ).fetchall()
    rows = {}
    for (table,) in marts:
        columns = [
            name
            for (name,) in duck.execute(
                "select column_name from information_schema.columns where table_schema = "
                "'marts' and table_name = ? order by ordinal_position",
                [table],
            ).fetchall()
            if not name.startswith("_")
        ]
        select = ", ".join(f'"{c}"' for c in columns)
        found = duck.execute(f"select {select} from marts.{table}").fetchall()
        rows[table] = (columns, collections.Counter(tuple(map(_normalised, r)) for r in found))
    return rows


def _differing_marts(built_warehouse: Path, settings: dict[str, str], database: str) -> dict:
    """Per mart whose rows differ: rows only in DuckDB and only in PostgreSQL (a sample)."""
    import psycopg2

    duck = duckdb.connect(str(built_warehouse), read_only=True)
    try:
        expected = _mart_rows(duck)
    finally:
        duck.close()
    mart_models = {path.stem for path in (ROOT / "models" / "marts").rglob("*.sql")}
    assert set(expected) == mart_models, "the DuckDB build must hold every mart model"
    con = psycopg2.connect(_dsn(settings, database))
    differing = {}
    try:
        with con.cursor() as cur:
            for table, (columns, duck_rows) in expected.items():
                select = ", ".join(f'"{c}"' for c in columns)
                cur.execute(f'select {select} from "clicktrail_marts"."{table}"')
                pg_rows = collections.Counter(tuple(map(_normalised, r)) for r in cur.fetchall())
                if pg_rows != duck_rows:
                    differing[table] = {
                        "only_duckdb": list((duck_rows - pg_rows).elements())[:3],
                        "only_postgres": list((pg_rows - duck_rows).elements())[:3],
                    }
    finally:
        con.close()
    return differing


def test_full_build_on_postgres_equals_duckdb_marts(
    postgres: dict[str, str], fixture_world: Path, built_warehouse: Path, tmp_path: Path
) -> None:
    _create_database(postgres, "full_build")
    _load(fixture_world / "raw", postgres, "full_build", tmp_path)
    _build(fixture_world / "raw", postgres, "full_build", tmp_path, full_refresh=True)
    assert _differing_marts(built_warehouse, postgres, "full_build") == {}


def test_incremental_runs_on_postgres_equal_duckdb_marts(
    postgres: dict[str, str], fixture_world: Path, built_warehouse: Path, tmp_path: Path
) -> None:
    days = sorted({d for p in (fixture_world / "raw").rglob("*") if (d := _day_of(p))})
    assert len(days) > HELD_BACK_DAYS
    raw = tmp_path / "raw"
    _copy_days(fixture_world, raw, set(days[:-HELD_BACK_DAYS]))
    _create_database(postgres, "scheduled")
    _load(raw, postgres, "scheduled", tmp_path)
    _build(raw, postgres, "scheduled", tmp_path, full_refresh=True)
    # Held back so far: the new days must change the marts, or the comparison proves little.
    assert _differing_marts(built_warehouse, postgres, "scheduled") != {}
    _copy_days(fixture_world, raw, set(days[-HELD_BACK_DAYS:]))
    _load(raw, postgres, "scheduled", tmp_path)
    _build(raw, postgres, "scheduled", tmp_path, full_refresh=False)
    assert _differing_marts(built_warehouse, postgres, "scheduled") == {}
