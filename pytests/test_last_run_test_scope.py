"""The `__last_run__` scope of data tests (macros/testing/get_where_subquery.sql, D-021).

A nightly run tests the rows it wrote and every row sharing a key with them. These tests
copy the built fixture warehouse, break it the way a faulty incremental run would, and run
the scoped dbt tests: a duplicate that involves a row of the latest write must fail them;
a duplicate among rows of earlier writes only is out of scope by design, and
`clicktrail__test_all_rows` brings it back.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from conftest import dbt_env, run_dbt

SESSIONIZED = "intermediate.int_web_events_sessionized"
CONTACT_EVENTS = "marts.fct_contact_events"


@pytest.fixture
def broken_copy(built_warehouse: Path, fixture_world: Path, tmp_path: Path) -> Path:
    """A copy of the warehouse where one row per table is the latest write and every other
    row looks written a day earlier."""
    db = tmp_path / "clicktrail.duckdb"
    shutil.copy2(built_warehouse, db)
    con = duckdb.connect(str(db))
    for table, stamp, key in (
        (SESSIONIZED, "_sessionized_at", "web_event_id"),
        (CONTACT_EVENTS, "_loaded_at", "contact_event_id"),
    ):
        con.execute(
            f"update {table} set {stamp} = {stamp} - interval 1 day "
            f"where {key} != (select max({key}) from {table})"
        )
    con.close()
    return db


def _test(db: Path, world: Path, work: Path, select: str, *extra: str) -> tuple[int, str]:
    result = run_dbt(["test", "--select", select, *extra], dbt_env(world / "raw", db), work)
    return result.returncode, result.stdout


def _insert_copy(db: Path, table: str, stamp: str, key: str, shift: str) -> None:
    """Insert a copy of the row with the smallest key (an old row) with its stamp moved by
    `shift`: '1 day' makes the copy part of the latest write, '0 days' leaves it old."""
    con = duckdb.connect(str(db))
    con.execute(
        f"insert into {table} select * replace ({stamp} + interval {shift} as {stamp}) "
        f"from {table} where {key} = (select min({key}) from {table})"
    )
    con.close()


def test_latest_write_duplicating_an_old_key_fails(
    broken_copy: Path, fixture_world: Path, tmp_path: Path
) -> None:
    _insert_copy(broken_copy, SESSIONIZED, "_sessionized_at", "web_event_id", "'1 day'")
    _insert_copy(broken_copy, CONTACT_EVENTS, "_loaded_at", "contact_event_id", "'1 day'")
    for select in (
        "unique_int_web_events_sessionized_web_event_id",
        "test_name:unique_combination_of_columns,int_web_events_sessionized",
        "unique_fct_contact_events_contact_event_id",
    ):
        code, out = _test(broken_copy, fixture_world, tmp_path, select)
        assert code != 0 and "FAIL 1" in out, f"{select} did not catch the duplicate:\n{out}"


def test_view_key_test_checks_its_latest_write(
    broken_copy: Path, fixture_world: Path, tmp_path: Path
) -> None:
    """int_lead_score_events_eligible (a view over fct_contact_events) scopes its key test to
    `__last_run__` without `on <key>`: copies of one of its keys come from one source row
    (its joins are on keys unique upstream), so they share a stamp, and an old key repeated
    by a new row is fct_contact_events' test's to catch (above)."""
    select = "unique_int_lead_score_events_eligible_contact_event_id"
    # a copy of an eligible row of the latest write, itself in the latest write
    con = duckdb.connect(str(broken_copy))
    con.execute(
        f"update {CONTACT_EVENTS} set _loaded_at = _loaded_at - interval 1 day "
        f"where _loaded_at = (select max(_loaded_at) from {CONTACT_EVENTS})"
    )
    con.execute(
        f"update {CONTACT_EVENTS} set _loaded_at = _loaded_at + interval 1 day "
        "where contact_event_id = (select max(contact_event_id) "
        "from intermediate.int_lead_score_events_eligible)"
    )
    con.close()
    code, out = _test(broken_copy, fixture_world, tmp_path, select)
    assert code == 0, out
    con = duckdb.connect(str(broken_copy))
    con.execute(
        f"insert into {CONTACT_EVENTS} select * from {CONTACT_EVENTS} "
        f"where _loaded_at = (select max(_loaded_at) from {CONTACT_EVENTS})"
    )
    con.close()
    code, out = _test(broken_copy, fixture_world, tmp_path, select)
    assert code != 0 and "FAIL 1" in out, f"{select} did not catch the duplicate:\n{out}"


def test_old_duplicates_are_out_of_scope_unless_all_rows(
    broken_copy: Path, fixture_world: Path, tmp_path: Path
) -> None:
    # a second old row with an old key: no row of the latest write shares its key
    _insert_copy(broken_copy, CONTACT_EVENTS, "_loaded_at", "contact_event_id", "'0 days'")
    select = "unique_fct_contact_events_contact_event_id"
    code, out = _test(broken_copy, fixture_world, tmp_path, select)
    assert code == 0, out
    code, out = _test(
        broken_copy,
        fixture_world,
        tmp_path,
        select,
        "--vars",
        "{clicktrail__test_all_rows: true}",
    )
    assert code != 0 and "FAIL 1" in out, out
