"""Nothing lost: every fault the generator injected is quarantined with the right reason,
and nothing else is.

The generator records each injected fault in truth/faults.csv; here each fault type maps to
the quarantine reason the staging layer must give it.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import duckdb
import pytest

pytestmark = pytest.mark.dbt

# (generator file kind, fault type) -> (quarantine model, reject reasons that may hold it)
FAULT_REASONS: dict[tuple[str, str], tuple[str, tuple[str, ...]]] = {
    ("sendgrid", "duplicate_delivery"): ("stg_sendgrid__events_quarantined", ("duplicate",)),
    ("sendgrid", "malformed_json"): ("stg_sendgrid__events_quarantined", ("malformed_json",)),
    ("sendgrid", "missing_timestamp"): ("stg_sendgrid__events_quarantined", ("missing_timestamp",)),
    ("sendgrid", "unknown_event_type"): (
        "stg_sendgrid__events_quarantined",
        ("unknown_event_type",),
    ),
    ("generic_csv", "bad_occurred_at"): (
        "stg_esp__events_quarantined",
        ("invalid_timestamp", "missing_timestamp"),
    ),
    ("generic_csv", "duplicate_row"): ("stg_esp__events_quarantined", ("duplicate",)),
    ("mixpanel", "duplicate_event"): ("stg_mixpanel__events_quarantined", ("duplicate",)),
    ("mixpanel", "malformed_json"): ("stg_mixpanel__events_quarantined", ("malformed_json",)),
    ("ga4", "consent_denied_no_ids"): ("stg_ga4__events_quarantined", ("missing_identifier",)),
    ("ga4", "duplicate_row"): ("stg_ga4__events_quarantined", ("duplicate",)),
    ("ga4", "null_event_timestamp"): ("stg_ga4__events_quarantined", ("missing_timestamp",)),
}
# Faults that must NOT be quarantined: the rows are usable.
KEPT_FAULTS = {
    ("sendgrid", "late_arrival"),
    ("generic_csv", "late_arrival"),
    ("mixpanel", "late_arrival"),
    ("ga4", "unparseable_page_location"),
}


def _faults(truth: Path) -> Counter[tuple[str, str]]:
    with (truth / "faults.csv").open() as handle:
        return Counter(
            {
                (row["file_kind"], row["fault_type"]): int(row["count"])
                for row in csv.DictReader(handle)
            }
        )


def test_every_fault_type_is_known(truth: Path) -> None:
    unknown = set(_faults(truth)) - set(FAULT_REASONS) - KEPT_FAULTS
    assert not unknown, f"generator injects faults this test does not map: {unknown}"


def test_quarantine_counts_equal_injected_faults(
    warehouse: duckdb.DuckDBPyConnection, truth: Path
) -> None:
    faults = _faults(truth)
    expected: Counter[tuple[str, str]] = Counter()
    for key, count in faults.items():
        if key in KEPT_FAULTS:
            continue
        model, reasons = FAULT_REASONS[key]
        expected[(model, "|".join(reasons))] += count
    models = sorted({model for model, _ in FAULT_REASONS.values()})
    actual: Counter[tuple[str, str]] = Counter()
    for model in models:
        for reason, n in warehouse.execute(
            f"select reject_reason, count(*) from staging.{model} group by 1"
        ).fetchall():
            group = next(
                ("|".join(r) for (m, r) in FAULT_REASONS.values() if m == model and reason in r),
                reason,
            )
            actual[(model, group)] += n
    assert actual == expected


def test_unparseable_page_urls_are_kept_and_flagged(
    warehouse: duckdb.DuckDBPyConnection, truth: Path
) -> None:
    injected = _faults(truth)[("ga4", "unparseable_page_location")]
    assert injected > 0
    flagged = warehouse.execute(
        """
        select count(*) from intermediate.int_web_events_sourced
        where source_system = 'ga4' and not is_page_url_parseable
        """
    ).fetchone()[0]
    assert flagged >= injected
