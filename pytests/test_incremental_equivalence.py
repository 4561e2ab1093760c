"""Scheduled runs (issue #9): building the demo world in batches — a full refresh on the first
days, then incremental runs that add new days (carrying late events, duplicates of events
already loaded, and visitors who identify only now), then a run that re-delivers loaded files
under earlier-sorting names, adds late events that merge two sessions already built, adds a
crawler's late event to a session whose events had scored (their ledger rows must go),
renames a campaign in the catalogue snapshot (its web events must follow), reprices one
opportunity and removes another, retitles a CRM contact that has no event, and drops a
contact from the CRM snapshot (their history must follow, with no new event) — gives exactly
the relations of one full-refresh build on the same files, row for row, in every staging,
intermediate and mart schema; and a run with no new data changes nothing.

Columns whose name starts with `_` are load bookkeeping (`_loaded_at`, `_sessionized_at`):
they say when a row was written and so differ by design; every other column is compared.
"""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import duckdb
import pytest
from conftest import dbt_env, generate_world, run_dbt

pytestmark = pytest.mark.dbt

DAY = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})")
WORLD_ARGS = ["--contacts", "150", "--days", "21", "--seed", "5"]
SCHEMAS = ("staging", "intermediate", "marts")
# Change logs kept for incremental runs: they remember identifiers that left the graph, which
# a full refresh never saw, so they are not compared.
BOOKKEEPING = {"int_identity_changes", "int_campaign_utm_changes"}
# The new amount of an opportunity in the CRM snapshot of the last run.
NEW_AMOUNT = "12345.67"
# The new job title of a CRM contact in the snapshot of the last run.
NEW_JOB_TITLE = "Chief Retitled Officer"
# Appended to a campaign's name in the catalogue snapshot of the last run.
RENAMED = " (renamed)"
# A late event whose user agent is a known crawler (seed bot_user_agents).
BOT_USER_AGENT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
# Late events put halfway into gaps a little longer than the session timeout (1800 s).
BRIDGE_MIN_GAP_US, BRIDGE_MAX_GAP_US, BRIDGES = 1_900_000_000, 3_400_000_000, 25


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


def _relations(db: Path) -> list[tuple[str, str]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        relations = con.execute(
            "select table_schema, table_name from information_schema.tables "
            f"where table_schema in {SCHEMAS} order by 1, 2"
        ).fetchall()
        return [(s, t) for s, t in relations if t not in BOOKKEEPING]
    finally:
        con.close()


def _differences(db_a: Path, db_b: Path, schema: str, table: str) -> int:
    """Rows in one relation and not the other (both ways, as multisets)."""
    con = duckdb.connect()
    try:
        con.execute(f"attach '{db_a}' as a (read_only)")
        con.execute(f"attach '{db_b}' as b (read_only)")
        columns = [
            name
            for (name,) in con.execute(
                "select column_name from duckdb_columns() where database_name = 'b' "
                "and schema_name = ? and table_name = ? order by column_index",
                [schema, table],
            ).fetchall()
            if not name.startswith("_")
        ]
        cols = ", ".join(f'"{c}"' for c in columns)
        a, b = f"a.{schema}.{table}", f"b.{schema}.{table}"
        query = (
            f"select count(*) from ((select {cols} from {a} except all select {cols} from {b}) "
            f"union all (select {cols} from {b} except all select {cols} from {a}))"
        )
        return con.execute(query).fetchone()[0]
    finally:
        con.close()


def _redeliver_under_earlier_names(raw: Path) -> list[str]:
    """Copy one loaded file per event source under a name that sorts before every loaded
    file: its rows are duplicates that now rank first, so rows already loaded are demoted."""
    copies = []
    for folder, name in (
        ("web/ga4", "events_00000000_redelivered.parquet"),
        ("web/mixpanel", "0000-redelivered.jsonl"),
        ("esp/sendgrid", "0000-redelivered.json"),
    ):
        original = sorted((raw / folder).iterdir())[len(list((raw / folder).iterdir())) // 2]
        shutil.copy2(original, raw / folder / name)
        copies.append(original.name)
    return copies


def _add_session_bridges(raw: Path) -> list[str]:
    """Write a GA4 file of late events, each halfway into a gap of one visitor's loaded
    events that is a little longer than the session timeout: each joins two sessions."""
    con = duckdb.connect()
    try:
        source = f"read_parquet('{raw}/web/ga4/*.parquet', union_by_name = true)"
        gaps = f"""
            select
                *,
                event_timestamp - lag(event_timestamp) over visitor_order as gap_us,
            from {source}
            where user_pseudo_id is not null and event_timestamp is not null
            window visitor_order as (partition by user_pseudo_id order by event_timestamp)
        """
        bridges = f"""
            select * replace (
                event_timestamp - gap_us // 2 as event_timestamp,
                'scroll' as event_name,
                event_bundle_sequence_id + 7 as event_bundle_sequence_id
            )
            from ({gaps})
            where gap_us between {BRIDGE_MIN_GAP_US} and {BRIDGE_MAX_GAP_US}
            order by user_pseudo_id, event_timestamp
            limit {BRIDGES}
        """
        columns = [row[0] for row in con.execute(f"describe select * from {source}").fetchall()]
        out = raw / "web" / "ga4" / "events_99999999_late.parquet"
        con.execute(f"copy (select {', '.join(columns)} from ({bridges})) to '{out}'")
        return [
            row[0]
            for row in con.execute(
                f"select distinct 'ga4:' || user_pseudo_id from read_parquet('{out}')"
            ).fetchall()
        ]
    finally:
        con.close()


def _add_bot_event_to_scored_session(raw: Path, db: Path, untouched: list[str]) -> str:
    """Write a GA4 file with one late event, a second into a human session whose events earned
    lead-score points, sent with a crawler's user agent: the session becomes a bot session,
    so its events stop scoring and their ledger rows must go (no new row replaces them)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        session_id, visitor_id, started_us = con.execute(
            """
            select sessions.session_id, sessions.visitor_id, epoch_us(sessions.started_at)
            from marts.fct_sessions as sessions
            where sessions.source_system = 'ga4'
                and not sessions.is_bot
                and sessions.visitor_id not in (select unnest(?::varchar[]))
                and sessions.session_id in (
                    select contact_events.session_id
                    from marts.fct_lead_score_events as ledger
                    inner join marts.fct_contact_events as contact_events
                        on ledger.contact_event_id = contact_events.contact_event_id
                    where ledger.points > 0
                )
            order by sessions.session_id
            limit 1
            """,
            [untouched],
        ).fetchone()
    finally:
        con.close()
    con = duckdb.connect()
    try:
        source = f"read_parquet('{raw}/web/ga4/*.parquet', union_by_name = true)"
        columns = [row[0] for row in con.execute(f"describe select * from {source}").fetchall()]
        late = f"""
            select * replace (
                event_timestamp + 1000000 as event_timestamp,
                'scroll' as event_name,
                event_bundle_sequence_id + 11 as event_bundle_sequence_id,
                list_transform(event_params, lambda p: case
                    when p.key = 'user_agent' then struct_pack(
                        key := p.key,
                        value := struct_pack(
                            string_value := '{BOT_USER_AGENT}',
                            int_value := p.value.int_value,
                            float_value := p.value.float_value,
                            double_value := p.value.double_value
                        )
                    )
                    else p
                end) as event_params
            )
            from {source}
            where 'ga4:' || user_pseudo_id = '{visitor_id}' and event_timestamp = {started_us}
            limit 1
        """
        out = raw / "web" / "ga4" / "events_99999999_bot.parquet"
        con.execute(f"copy (select {', '.join(columns)} from ({late})) to '{out}'")
        assert con.execute(f"select count(*) from read_parquet('{out}')").fetchone()[0] == 1
    finally:
        con.close()
    return session_id


def _drop_crm_contact(raw: Path, db: Path, untouched: list[str]) -> str:
    """Rewrite the CRM contacts snapshot without one contact whose web visitors get no event
    in the next run: only the identity change can re-attribute their history."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        crm_id = con.execute(
            """
            select identifiers.contact_id
            from intermediate.int_contact_identifiers as identifiers
            where identifiers.identifier_type = 'web_anonymous_id'
                and identifiers.identifier_value not in (select unnest(?::varchar[]))
                and identifiers.contact_id like 'crm_%'
            group by identifiers.contact_id
            order by count(*) desc, identifiers.contact_id
            limit 1
            """,
            [untouched],
        ).fetchone()[0]
    finally:
        con.close()
    contacts = raw / "crm" / "contacts" / "contacts.csv"
    lines = contacts.read_text().splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith(f"{crm_id},")]
    assert len(kept) == len(lines) - 1
    contacts.write_text("".join(kept))
    return crm_id


def _retitle_crm_contact(raw: Path, db: Path, dropped: str) -> str:
    """Change, in the CRM contacts snapshot, the job title of a CRM contact with no event
    and no opportunity: only the CRM comparison of dim_contacts can bring the new title."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        found = con.execute(
            """
            select crm_contact_id from marts.dim_contacts
            where crm_contact_id is not null
                and crm_contact_id != ?
                and n_email_events + n_web_events + n_crm_opportunities = 0
            order by crm_contact_id
            limit 1
            """,
            [dropped],
        ).fetchone()
    finally:
        con.close()
    assert found, "the world has no CRM contact without events to retitle"
    path = raw / "crm" / "contacts" / "contacts.csv"
    rows = _read_csv(path)
    (row,) = [row for row in rows if row["contact_id"] == found[0]]
    row["job_title"] = NEW_JOB_TITLE
    _write_csv(path, rows)
    return found[0]


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="") as f:
        return list(csv.DictReader(f))


def _write_csv(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _rename_campaign(raw: Path, db: Path) -> str:
    """Rename, in the campaign catalogue snapshot, the campaign with the most utm-tagged web
    events: their campaign name must change with no new event."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        campaign_id = con.execute(
            """
            select campaign_id from marts.fct_contact_events
            where event_stream = 'web' and campaign_id is not null
            group by campaign_id
            order by count(*) desc, campaign_id
            limit 1
            """
        ).fetchone()[0]
    finally:
        con.close()
    rows = _read_csv(raw / "esp" / "campaigns" / "campaigns.csv")
    renamed = [row for row in rows if row["campaign_id"] == campaign_id]
    assert len(renamed) == 1
    renamed[0]["campaign_name"] += RENAMED
    _write_csv(raw / "esp" / "campaigns" / "campaigns.csv", rows)
    return campaign_id


def _change_opportunities(raw: Path, db: Path) -> tuple[str, str]:
    """In the CRM opportunities snapshot, change the amount of the first opportunity (its
    conversion value must follow) and remove the only opportunity of the contact with the
    fewest other events (its event must go, and that contact's counts with it, though the
    run may bring it nothing else): the snapshot is read in full, and only opportunities
    that changed are written."""
    path = raw / "crm" / "opportunities" / "opportunities.csv"
    rows = _read_csv(path)
    con = duckdb.connect(str(db), read_only=True)
    try:
        (quiet,) = con.execute(
            """
            select crm_contact_id from marts.dim_contacts
            where n_crm_opportunities = 1
                and crm_contact_id != ?
            order by n_email_events + n_web_events, last_seen_at, crm_contact_id
            limit 1
            """,
            [rows[0]["contact_id"]],
        ).fetchone()
    finally:
        con.close()
    rows[0]["amount"] = NEW_AMOUNT
    (removed,) = [row for row in rows if row["contact_id"] == quiet]
    rows.remove(removed)
    _write_csv(path, rows)
    return rows[0]["opportunity_id"], removed["opportunity_id"]


def _touched_visitors(raw: Path) -> list[str]:
    """Web visitors (as `source:id`) with a row in the files the last run adds."""
    con = duckdb.connect()
    try:
        ga4 = f"read_parquet(['{raw}/web/ga4/events_00000000_redelivered.parquet', "
        ga4 += f"'{raw}/web/ga4/events_99999999_late.parquet'])"
        mixpanel = (
            f"read_csv('{raw}/web/mixpanel/0000-redelivered.jsonl', header = false, "
            "columns = {'line': 'varchar'}, delim = chr(31), quote = '', escape = '')"
        )
        device = "json_extract_string(line, '$.properties.\"$device_id\"')"
        distinct = "json_extract_string(line, '$.properties.distinct_id')"
        rows = con.execute(
            f"select 'ga4:' || user_pseudo_id from {ga4} "
            f"union select 'mixpanel:' || coalesce({device}, {distinct}) from {mixpanel}"
        ).fetchall()
        return [row[0] for row in rows if row[0] is not None]
    finally:
        con.close()


def _sessions_of(db: Path, visitors: list[str]) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(
            "select count(*) from marts.fct_sessions where visitor_id in "
            "(select unnest(?::varchar[]))",
            [visitors],
        ).fetchone()[0]
    finally:
        con.close()


@pytest.fixture(scope="module")
def batch_world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate_world(tmp_path_factory.mktemp("batch_world"), WORLD_ARGS)


def test_batches_equal_one_full_refresh(batch_world: Path, tmp_path: Path) -> None:
    days = sorted({d for p in (batch_world / "raw").rglob("*") if (d := _day_of(p))})
    batches = [set(days[:12]), set(days[12:17]), set(days[17:])]

    raw, incremental_db = tmp_path / "raw", tmp_path / "inc.duckdb"
    for i, batch in enumerate(batches):
        _copy_days(batch_world, raw, batch)
        _build(raw, incremental_db, tmp_path / "inc", full_refresh=(i == 0))

    redelivered = _redeliver_under_earlier_names(raw)
    bridged_visitors = _add_session_bridges(raw)
    assert len(bridged_visitors) >= 5, "the world has too few near-timeout gaps to bridge"
    sessions_before = _sessions_of(incremental_db, bridged_visitors)
    touched = _touched_visitors(raw)
    dropped = _drop_crm_contact(raw, incremental_db, touched)
    retitled = _retitle_crm_contact(raw, incremental_db, dropped)
    botted = _add_bot_event_to_scored_session(raw, incremental_db, touched)
    renamed = _rename_campaign(raw, incremental_db)
    repriced, removed = _change_opportunities(raw, incremental_db)
    _build(raw, incremental_db, tmp_path / "inc", full_refresh=False)

    # The same files, one full refresh.
    full_db = tmp_path / "full.duckdb"
    _build(raw, full_db, tmp_path / "full", full_refresh=True)

    relations = _relations(full_db)
    assert len([r for r in relations if r[0] == "marts"]) >= 8
    assert _relations(incremental_db) == relations
    diffs = {
        f"{s}.{t}": n for s, t in relations if (n := _differences(incremental_db, full_db, s, t))
    }
    assert not diffs, f"relations differ between batched and full builds: {diffs}"

    # The last run did what it was built to exercise: late events merged sessions...
    assert _sessions_of(incremental_db, bridged_visitors) < sessions_before
    # ...the dropped CRM contact's web history moved to another contact id...
    con = duckdb.connect(str(incremental_db), read_only=True)
    try:
        assert (
            con.execute(
                "select count(*) from marts.fct_contact_events where contact_id = ?", [dropped]
            ).fetchone()[0]
            == 0
        )
        # ...a CRM contact with no event of its own carries its new job title...
        assert con.execute(
            "select job_title from marts.dim_contacts where crm_contact_id = ?", [retitled]
        ).fetchone() == (NEW_JOB_TITLE,)
        # ...the repriced opportunity's conversion value follows, the removed one is gone...
        assert con.execute(
            "select conversion_value from marts.fct_contact_events where contact_event_id = ?",
            [f"crm:{repriced}"],
        ).fetchone() == (float(NEW_AMOUNT),)
        assert (
            con.execute(
                "select count(*) from marts.fct_contact_events where contact_event_id = ?",
                [f"crm:{removed}"],
            ).fetchone()[0]
            == 0
        )
        # ...web events of the renamed campaign carry its new name...
        names = con.execute(
            "select distinct campaign_name from marts.fct_contact_events "
            "where event_stream = 'web' and campaign_id = ?",
            [renamed],
        ).fetchall()
        assert len(names) == 1 and names[0][0].endswith(RENAMED)
        # ...the session a crawler event joined is a bot session, its events no longer score...
        assert con.execute(
            "select is_bot from marts.fct_sessions where session_id = ?", [botted]
        ).fetchone() == (True,)
        assert (
            con.execute(
                "select count(*) from marts.fct_lead_score_events as ledger "
                "inner join marts.fct_contact_events as contact_events "
                "on ledger.contact_event_id = contact_events.contact_event_id "
                "where contact_events.session_id = ?",
                [botted],
            ).fetchone()[0]
            == 0
        )
        # ...and rows loaded earlier were demoted to duplicates by the re-delivered copies.
        for model in ("stg_ga4__events", "stg_mixpanel__events", "stg_sendgrid__events"):
            demoted = con.execute(
                f"select count(*) from staging.{model}_quarantined "
                "where reject_reason = 'duplicate' and filename like '%' || ?",
                [redelivered.pop(0)],
            ).fetchone()[0]
            assert demoted > 0, f"{model}: no loaded row was demoted by its earlier copy"
    finally:
        con.close()


def test_rerun_without_new_data_changes_nothing(batch_world: Path, tmp_path: Path) -> None:
    raw, db = tmp_path / "raw", tmp_path / "once.duckdb"
    _copy_days(batch_world, raw, {d for p in (batch_world / "raw").rglob("*") if (d := _day_of(p))})
    _build(raw, db, tmp_path / "w", full_refresh=True)
    snapshot = tmp_path / "snapshot.duckdb"
    shutil.copy2(db, snapshot)
    _build(raw, db, tmp_path / "w", full_refresh=False)
    relations = _relations(db)
    diffs = {f"{s}.{t}": n for s, t in relations if (n := _differences(db, snapshot, s, t))}
    assert not diffs, f"a rerun with no new data changed relations: {diffs}"
