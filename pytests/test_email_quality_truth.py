"""Human or machine, scored against the demo world's ground truth.

The truth file lists every click the generator made with whether a scanner made it; the
warehouse classifies the same clicks by their ESP event key. Targets (issue #3): precision of
`bot` >= 0.98 and recall >= 0.95.
"""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pytest

pytestmark = pytest.mark.dbt


def _truth_clicks(truth: Path) -> dict[tuple[str, str], bool]:
    with (truth / "email_clicks.csv").open() as handle:
        return {
            ("sendgrid" if row["source"] == "sendgrid" else "generic_esp", row["event_key"]): row[
                "is_bot"
            ]
            == "true"
            for row in csv.DictReader(handle)
        }


def _classified_clicks(con: duckdb.DuckDBPyConnection) -> dict[tuple[str, str], str]:
    rows = con.execute(
        """
        select events.source_system, events.source_event_id, classified.engagement_quality
        from intermediate.int_email_events_unioned as events
        inner join intermediate.int_email_engagements_classified as classified
            on events.email_event_id = classified.email_event_id
        where events.event_type = 'email_click'
        """
    ).fetchall()
    return {(system, key): quality for system, key, quality in rows}


def test_every_true_click_is_classified(warehouse: duckdb.DuckDBPyConnection, truth: Path) -> None:
    expected = _truth_clicks(truth)
    classified = _classified_clicks(warehouse)
    missing = set(expected) - set(classified)
    assert not missing, f"{len(missing)} true clicks not classified, e.g. {sorted(missing)[:3]}"


def test_bot_precision_and_recall(warehouse: duckdb.DuckDBPyConnection, truth: Path) -> None:
    expected = _truth_clicks(truth)
    classified = _classified_clicks(warehouse)
    true_pos = sum(1 for k, is_bot in expected.items() if is_bot and classified.get(k) == "bot")
    false_pos = sum(
        1 for k, is_bot in expected.items() if not is_bot and classified.get(k) == "bot"
    )
    false_neg = sum(1 for k, is_bot in expected.items() if is_bot and classified.get(k) != "bot")
    assert true_pos > 20, "the fixture world should contain scanner clicks"
    precision = true_pos / (true_pos + false_pos)
    recall = true_pos / (true_pos + false_neg)
    print(
        f"bot precision={precision:.4f} recall={recall:.4f} "
        f"(tp={true_pos}, fp={false_pos}, fn={false_neg})"
    )
    assert precision >= 0.98
    assert recall >= 0.95


def test_human_clicks_are_mostly_verified(
    warehouse: duckdb.DuckDBPyConnection, truth: Path
) -> None:
    """A person's click lands on the site, so it should be `human`, not `unverified`."""
    expected = _truth_clicks(truth)
    classified = _classified_clicks(warehouse)
    humans = [classified.get(k) for k, is_bot in expected.items() if not is_bot]
    assert humans
    share_human = sum(1 for q in humans if q == "human") / len(humans)
    assert share_human >= 0.95
