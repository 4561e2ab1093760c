"""Identity resolution scored against the demo world's ground truth (issue #5).

Targets: at least 99% of the web events of visitors the truth calls identifiable carry the
right contact, and no resolved contact mixes two true people (zero false merges).
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import duckdb
import pytest

pytestmark = pytest.mark.dbt


def _visitors(truth: Path) -> dict[str, dict[str, str]]:
    with (truth / "web_visitors.csv").open() as handle:
        return {
            f"{row['source_system']}:{row['anonymous_id']}": row for row in csv.DictReader(handle)
        }


def _event_contacts(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str | None]]:
    return con.execute(
        """
        select visitor_id, contact_id from marts.fct_contact_events
        where event_stream = 'web' and visitor_id is not null
        """
    ).fetchall()


def test_identifiable_web_events_reach_the_right_contact(
    warehouse: duckdb.DuckDBPyConnection, truth: Path
) -> None:
    visitors = _visitors(truth)
    right = total = 0
    for visitor_id, contact_id in _event_contacts(warehouse):
        row = visitors.get(visitor_id)
        if row is None or row["is_identifiable"] != "true" or row["is_bot"] == "true":
            continue
        total += 1
        right += contact_id == row["contact_id"]
    assert total > 1000, "the fixture world should have identifiable web events"
    share = right / total
    print(f"identifiable web events attributed to the right contact: {share:.4f} ({right}/{total})")
    assert share >= 0.99


def test_no_false_merges(warehouse: duckdb.DuckDBPyConnection, truth: Path) -> None:
    visitors = _visitors(truth)
    people_per_contact: dict[str, set[str]] = defaultdict(set)
    for visitor_id, contact_id in set(_event_contacts(warehouse)):
        row = visitors.get(visitor_id)
        if contact_id is None or row is None:
            continue
        # An anonymous person (no true contact) merged into a contact is a false merge too.
        people_per_contact[contact_id].add(row["contact_id"] or f"anonymous:{visitor_id}")
    merged = {c: p for c, p in people_per_contact.items() if len(p) > 1}
    assert not merged, (
        f"{len(merged)} contacts mix several true people, e.g. {list(merged.items())[:2]}"
    )


def test_crm_contacts_keep_their_own_id(warehouse: duckdb.DuckDBPyConnection) -> None:
    rows = warehouse.execute(
        """
        select identifier_value, contact_id from intermediate.int_contact_identifiers
        where identifier_type = 'crm_contact_id' and not is_in_split_component
        """
    ).fetchall()
    assert rows
    assert all(value == contact for value, contact in rows)
