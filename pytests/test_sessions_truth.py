"""Sessions against the demo world's ground truth (issue #6): the number of sessions of every
visitor, and their start and end times, equal the sessions the generator made."""

from __future__ import annotations

import csv
import datetime as dt
from collections import Counter
from pathlib import Path

import duckdb
import pytest

pytestmark = pytest.mark.dbt


def _parse(ts: str) -> dt.datetime:
    return dt.datetime.fromisoformat(ts.replace("Z", "+00:00")).replace(tzinfo=None)


def _true_sessions(truth: Path) -> list[dict[str, str]]:
    with (truth / "sessions.csv").open() as handle:
        return list(csv.DictReader(handle))


def test_session_count_equals_truth(warehouse: duckdb.DuckDBPyConnection, truth: Path) -> None:
    expected = len(_true_sessions(truth))
    actual = warehouse.execute("select count(*) from marts.fct_sessions").fetchone()[0]
    assert actual == expected


def test_sessions_per_visitor_and_times_equal_truth(
    warehouse: duckdb.DuckDBPyConnection, truth: Path
) -> None:
    expected = Counter(
        (
            f"{s['source_system']}:{s['anonymous_id']}",
            _parse(s["session_start"]).replace(microsecond=0),
        )
        for s in _true_sessions(truth)
    )
    actual = Counter(
        (visitor, started.replace(microsecond=0))
        for visitor, started in warehouse.execute(
            "select visitor_id, started_at from marts.fct_sessions"
        ).fetchall()
    )
    assert actual == expected


def test_email_sessions_carry_their_campaign(
    warehouse: duckdb.DuckDBPyConnection, truth: Path
) -> None:
    expected = Counter(
        s["email_campaign_id"] for s in _true_sessions(truth) if s["email_campaign_id"]
    )
    actual = Counter(
        c
        for (c,) in warehouse.execute(
            "select email_campaign_id from marts.fct_sessions where email_campaign_id is not null"
        ).fetchall()
    )
    assert actual == expected
