"""Conformance: the real vendor samples for web analytics parse through the web staging models.

The samples in ``shared/reference-data`` are Fivetran-shaped (Mixpanel with a ``properties``
JSON column, GA4 flattened to ``param_*`` columns). They are converted back to our raw formats
(Mixpanel raw-export JSON lines, GA4 BigQuery-export nested Parquet), the web staging models
are built on them alone, and every sample row must come out staged or quarantined, with the
vendor's field names mapped to ours.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import ROOT, dbt_env, run_dbt

from clicktrail.generator.ga4_export import SCHEMA as GA4_SCHEMA

REFERENCE = ROOT.parent / "shared" / "reference-data"
MIXPANEL_CSV = REFERENCE / "mixpanel_fivetran" / "event.csv"
GA4_CSV = REFERENCE / "ga4_fivetran_flattened" / "event_data.csv"
WEB_STAGING = [
    "base_ga4__events_parsed",
    "stg_ga4__events",
    "stg_ga4__events_quarantined",
    "base_mixpanel__events_parsed",
    "stg_mixpanel__events",
    "stg_mixpanel__events_quarantined",
]
# Fivetran's flattened Mixpanel columns -> the raw export's property names.
MIXPANEL_DEFAULTS = {
    "device_id": "$device_id",
    "current_url": "$current_url",
    "referrer": "$referrer",
    "referring_domain": "$referring_domain",
    "initial_referrer": "$initial_referrer",
    "browser": "$browser",
    "browser_version": "$browser_version",
    "os": "$os",
    "city": "$city",
    "region": "$region",
    "mp_country_code": "mp_country_code",
    "mp_lib": "mp_lib",
}

pytestmark = [
    pytest.mark.dbt,
    pytest.mark.skipif(
        not (MIXPANEL_CSV.exists() and GA4_CSV.exists()), reason="reference data not present"
    ),
]


def epoch(text: str) -> dt.datetime:
    """A Fivetran 'YYYY-MM-DD HH:MM:SS' (UTC) value as an aware datetime."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)


def mixpanel_rows() -> list[dict[str, str]]:
    with MIXPANEL_CSV.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def ga4_rows() -> list[dict[str, str]]:
    """Rows by column position: the header repeats `param_session_engaged` (first one wins)."""
    with GA4_CSV.open(newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        rows = []
        for values in reader:
            row: dict[str, str] = {}
            for name, value in zip(header, values, strict=True):
                row.setdefault(name, value)
            rows.append(row)
        return rows


def write_mixpanel(rows: list[dict[str, str]], folder: Path) -> None:
    """One raw-export line per sample row: {"event": name, "properties": {...}}."""
    folder.mkdir(parents=True)
    lines = []
    for row in rows:
        props = json.loads(row["properties"])
        props["time"] = int(epoch(row["time"]).timestamp())
        props["distinct_id"] = row["distinct_id"]
        props["$insert_id"] = row["insert_id"]
        for column, key in MIXPANEL_DEFAULTS.items():
            if row.get(column):
                props[key] = row[column]
        lines.append(json.dumps({"event": row["name"], "properties": props}))
    (folder / "fivetran_sample.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def ga4_param(key: str, text: str) -> dict[str, object]:
    """A typed GA4 param the way the export types it: whole numbers as int_value."""
    value: dict[str, object] = {"string_value": None, "int_value": None}
    try:
        value["int_value"] = int(text)
    except ValueError:
        value["string_value"] = text
    return {"key": key, "value": value}


def write_ga4(rows: list[dict[str, str]], folder: Path) -> None:
    """The flattened sample rebuilt as nested BigQuery-export rows (one Parquet file)."""
    folder.mkdir(parents=True)
    events = []
    for row in rows:
        occurred = epoch(row["timestamp"])
        params = [
            ga4_param(column.removeprefix("param_"), value)
            for column, value in row.items()
            if column.startswith("param_") and value != ""
        ]
        events.append(
            {
                "event_date": row["date"].replace("-", ""),
                "event_timestamp": int(occurred.timestamp()) * 1_000_000,
                "event_name": row["name"],
                "event_params": params,
                "event_value_in_usd": float(row["value_in_usd"] or 0),
                "event_bundle_sequence_id": int(row["bundle_sequence_id"]),
                "user_id": row["user_id"] or None,
                "user_pseudo_id": row["user_pseudo_id"] or None,
                "user_first_touch_timestamp": int(
                    epoch(row["user_first_touch_timestamp"]).timestamp() * 1_000_000
                ),
                "device": {"category": row["device_category"]},
                "geo": {
                    "city": row["geo_city"],
                    "country": row["geo_country"],
                    "region": row["geo_region"],
                },
                "traffic_source": {
                    "name": row["traffic_source_name"] or None,
                    "medium": row["traffic_source_medium"] or None,
                    "source": row["traffic_source_source"] or None,
                },
                "collected_traffic_source": {
                    "manual_source": row["collected_traffic_source_manual_source"] or None,
                    "manual_medium": row["collected_traffic_source_manual_medium"] or None,
                },
                "stream_id": row["stream_id"],
                "platform": row["platform"].upper(),
            }
        )
    table = pa.Table.from_pylist(events, schema=GA4_SCHEMA)
    pq.write_table(table, folder / "events_fivetran_sample.parquet")


@pytest.fixture(scope="module")
def staged(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    work = tmp_path_factory.mktemp("conformance_web")
    raw = work / "raw"
    write_mixpanel(mixpanel_rows(), raw / "web" / "mixpanel")
    write_ga4(ga4_rows(), raw / "web" / "ga4")
    db_path = work / "web.duckdb"
    result = run_dbt(
        ["build", "--select", *WEB_STAGING, "--exclude", "test_type:unit"],
        dbt_env(raw, db_path),
        work,
    )
    if result.returncode != 0:
        lines = [ln for ln in result.stdout.splitlines() if "ERROR" in ln or "FAIL" in ln]
        pytest.fail("dbt build of the web staging failed:\n" + "\n".join(lines[-30:]))
    con = duckdb.connect(str(db_path), read_only=True)
    yield con
    con.close()


def count(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    return con.execute(sql).fetchone()[0]


@pytest.mark.parametrize(
    ("source", "n_sample"),
    [("ga4", len(ga4_rows())), ("mixpanel", len(mixpanel_rows()))],
)
def test_every_sample_row_is_staged_or_quarantined(
    staged: duckdb.DuckDBPyConnection, source: str, n_sample: int
) -> None:
    n_staged = count(staged, f"select count(*) from staging.stg_{source}__events")
    n_quarantined = count(staged, f"select count(*) from staging.stg_{source}__events_quarantined")
    assert n_staged + n_quarantined == n_sample


def test_mixpanel_fields_map(staged: duckdb.DuckDBPyConnection) -> None:
    rows = mixpanel_rows()
    got = {
        (r[0], r[1], r[2], r[3]): r[4:]
        for r in staged.execute(
            """
            select
                base.mixpanel_insert_id, base.distinct_id, base.source_event_name,
                stg.occurred_at, stg.anonymous_id, stg.user_id, stg.extra_properties
            from staging.stg_mixpanel__events as stg
            inner join staging.base_mixpanel__events_parsed as base
                on stg.event_payload_hash = base.event_payload_hash
                and base.occurrence_rank = 1
            """
        ).fetchall()
    }
    # The sample repeats one insert_id + distinct_id + name on two calendar days: both stay
    # (Mixpanel merges within a day only); every other row is its own event too.
    assert len(got) == len(rows)
    for row in rows:
        occurred_at = epoch(row["time"]).replace(tzinfo=None)
        anonymous_id, user_id, extra = got[
            (row["insert_id"], row["distinct_id"], row["name"], occurred_at)
        ]
        assert anonymous_id == row["distinct_id"]  # no $device_id in the sample
        properties = json.loads(row["properties"])
        assert user_id == properties["user_id"]
        assert json.loads(extra)["Operating System"] == properties["Operating System"]


def test_ga4_fields_map(staged: duckdb.DuckDBPyConnection) -> None:
    rows = ga4_rows()
    got = {
        (r[0], r[1]): r[2:]
        for r in staged.execute(
            """
            select
                source_session_id, source_event_name, anonymous_id, user_id, occurred_at,
                scroll_percent, engagement_time_msec, utm_source, utm_medium, gclid,
                device_category, city
            from staging.stg_ga4__events
            """
        ).fetchall()
    }
    assert len(got) == len(rows)
    for row in rows:
        (anonymous_id, user_id, occurred_at, scroll, engagement, source, medium, gclid, device,
         city) = got[(row["param_ga_session_id"], row["name"])]  # fmt: skip
        assert anonymous_id == row["user_pseudo_id"]
        assert user_id == row["user_id"]
        assert occurred_at == epoch(row["timestamp"]).replace(tzinfo=None)
        assert scroll == int(row["param_percent_scrolled"])
        assert engagement == int(row["param_engagement_time_msec"])
        # the event's own collected_traffic_source wins; the campaign params fill its gaps
        assert source == (
            row["collected_traffic_source_manual_source"] or row["param_source"] or None
        )
        assert medium == (
            row["collected_traffic_source_manual_medium"] or row["param_medium"] or None
        )
        assert gclid == (row["param_gclid"] or None)
        assert device == row["device_category"]
        assert city == row["geo_city"]
