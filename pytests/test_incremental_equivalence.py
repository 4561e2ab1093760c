"""Scheduled runs (issue #9): building the demo world in batches — a full refresh on the first
days, then incremental runs that add new days (carrying late events, duplicates of events
already loaded, and visitors who identify only now) — gives exactly the marts of one
full-refresh build on all the data, row for row; and a run with no new data changes nothing.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import duckdb
import pytest
from conftest import dbt_env, generate_world, run_dbt

pytestmark = pytest.mark.dbt

DAY = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})")
WORLD_ARGS = ["--contacts", "150", "--days", "21", "--seed", "5"]


def _day_of(path: Path) -> str | None:
    found = DAY.search(path.name)
    return "".join(found.groups()) if found else None


def _copy_days(world: Path, raw: Path, days: set[str]) -> None:
    """Copy raw files of the given days; files without a day (CRM, campaigns) always."""
    for src in (world / "raw").rglob("*"):
        if src.is_file() and (_day_of(src) is None or _day_of(src) in days):
            dest = raw / src.relative_to(world / "raw")
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest)


def _build(raw: Path, db: Path, work: Path, full_refresh: bool) -> None:
    args = ["build", "--exclude", "test_type:unit"] + (["--full-refresh"] if full_refresh else [])
    result = run_dbt(args, dbt_env(raw, db), work)
    assert result.returncode == 0, result.stdout[-3000:]


def _mart_tables(db: Path) -> list[str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute(
            "select table_name from information_schema.tables "
            "where table_schema = 'marts' and table_type = 'BASE TABLE' order by 1"
        ).fetchall()
    finally:
        con.close()
    return [r[0] for r in rows]


def _differences(db_a: Path, db_b: Path, table: str) -> int:
    con = duckdb.connect()
    try:
        con.execute(f"attach '{db_a}' as a (read_only)")
        con.execute(f"attach '{db_b}' as b (read_only)")
        query = (
            f"select count(*) from ((select * from a.marts.{table} except all "
            f"select * from b.marts.{table}) union all (select * from b.marts.{table} "
            f"except all select * from a.marts.{table}))"
        )
        return con.execute(query).fetchone()[0]
    finally:
        con.close()


@pytest.fixture(scope="module")
def batch_world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate_world(tmp_path_factory.mktemp("batch_world"), WORLD_ARGS)


def test_batches_equal_one_full_refresh(batch_world: Path, tmp_path: Path) -> None:
    days = sorted({d for p in (batch_world / "raw").rglob("*") if (d := _day_of(p))})
    batches = [set(days[:12]), set(days[12:17]), set(days[17:])]

    incremental_raw, incremental_db = tmp_path / "inc_raw", tmp_path / "inc.duckdb"
    for i, batch in enumerate(batches):
        _copy_days(batch_world, incremental_raw, batch)
        _build(incremental_raw, incremental_db, tmp_path / "inc", full_refresh=(i == 0))

    full_raw, full_db = tmp_path / "full_raw", tmp_path / "full.duckdb"
    _copy_days(batch_world, full_raw, set(days))
    _build(full_raw, full_db, tmp_path / "full", full_refresh=True)

    tables = _mart_tables(full_db)
    assert len(tables) >= 8
    assert _mart_tables(incremental_db) == tables
    diffs = {t: n for t in tables if (n := _differences(incremental_db, full_db, t))}
    assert not diffs, f"marts differ between batched and full builds: {diffs}"


def test_rerun_without_new_data_changes_nothing(batch_world: Path, tmp_path: Path) -> None:
    raw, db = tmp_path / "raw", tmp_path / "once.duckdb"
    _copy_days(batch_world, raw, {d for p in (batch_world / "raw").rglob("*") if (d := _day_of(p))})
    _build(raw, db, tmp_path / "w", full_refresh=True)
    snapshot = tmp_path / "snapshot.duckdb"
    shutil.copy2(db, snapshot)
    _build(raw, db, tmp_path / "w", full_refresh=False)
    diffs = {t: n for t in _mart_tables(db) if (n := _differences(db, snapshot, t))}
    assert not diffs, f"a rerun with no new data changed marts: {diffs}"
