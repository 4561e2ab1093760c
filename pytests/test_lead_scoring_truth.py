"""Lead scoring against the demo world's ground truth (issue #8).

Contacts the generator gave buying intent reach MQL far more often than the rest, and the MQL
dates (and the rest of the scoring marts) are identical when the scoring models are rebuilt
from the same inputs.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import duckdb
import pytest
from conftest import dbt_env, run_dbt

pytestmark = pytest.mark.dbt

MIN_LIFT = 2.0
# Only the scoring models: everything upstream (and the seeds) is already in the copy.
SCORING_SELECTION = ["intermediate.scoring", "marts.leads"]

MQL_EVENTS_SQL = """
    select contact_id, mql_number, mql_date, mql_at, mql_trigger, trigger_contact_event_id,
        score_at_mql, pushing_events
    from marts.fct_mql_events
    order by contact_id, mql_number
"""
LEADS_SQL = """
    select contact_id, first_mql_at, last_mql_at, n_mql_events, lifecycle_stage,
        total_score, fit_grade, top_reasons
    from marts.dim_leads
    order by contact_id
"""
LEDGER_SQL = """
    select lead_score_event_id, points, reason
    from marts.fct_lead_score_events
    order by lead_score_event_id
"""


def _intent_by_crm_contact(truth: Path) -> dict[str, bool]:
    with (truth / "contacts.csv").open() as handle:
        return {row["contact_id"]: row["has_intent"] == "true" for row in csv.DictReader(handle)}


def _mql_rate(flags: list[bool]) -> float:
    return sum(flags) / len(flags) if flags else 0.0


def test_intent_contacts_reach_mql_more_often(
    warehouse: duckdb.DuckDBPyConnection, truth: Path
) -> None:
    intent = _intent_by_crm_contact(truth)
    reached = dict(
        warehouse.execute(
            "select crm_contact_id, first_mql_at is not null from marts.dim_leads"
            " where crm_contact_id is not null"
        ).fetchall()
    )
    assert set(reached) == set(intent), "every CRM contact of the truth is a lead"
    with_intent = [reached[c] for c, has in intent.items() if has]
    without_intent = [reached[c] for c, has in intent.items() if not has]
    assert with_intent and without_intent
    rate_intent, rate_rest = _mql_rate(with_intent), _mql_rate(without_intent)
    lift = rate_intent / rate_rest if rate_rest else float("inf")
    print(
        f"MQL rate: intent {sum(with_intent)}/{len(with_intent)} = {rate_intent:.1%}, "
        f"rest {sum(without_intent)}/{len(without_intent)} = {rate_rest:.1%}, lift {lift:.1f}x"
    )
    assert rate_intent >= MIN_LIFT * rate_rest


def test_mql_dates_are_stable_across_runs(
    warehouse: duckdb.DuckDBPyConnection,
    built_warehouse: Path,
    fixture_world: Path,
    tmp_path: Path,
) -> None:
    """Rebuild only the scoring models into a copy of the warehouse (one thread, so the
    execution order differs from the first build) and require identical output."""
    copy = tmp_path / "copy" / built_warehouse.name
    copy.parent.mkdir(parents=True)
    shutil.copy2(built_warehouse, copy)
    (copy.parent / "tmp").mkdir()
    env = dbt_env(fixture_world / "raw", copy, CLICKTRAIL_THREADS="1")
    result = run_dbt(["run", "--select", *SCORING_SELECTION], env, tmp_path)
    assert result.returncode == 0, result.stdout[-3000:]

    rebuilt = duckdb.connect(str(copy), read_only=True)
    try:
        for sql in (MQL_EVENTS_SQL, LEADS_SQL, LEDGER_SQL):
            first = warehouse.execute(sql).fetchall()
            second = rebuilt.execute(sql).fetchall()
            assert first, "the scoring marts are empty"
            assert first == second
    finally:
        rebuilt.close()
