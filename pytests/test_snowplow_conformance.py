"""Snowplow conformance (issue #6): the two Snowplow integration data sets in
../shared/reference-data/snowplow/ run through our Snowplow adapter (models/staging/snowplow)
and our sessionisation into fct_sessions / fct_page_views, and are compared with the expected
outputs of the package that made them, under the settings their README describes (trusting
domain_sessionid).

How it runs (30-60 s, depending on the machine): the project is copied to a temporary folder; when
int_web_events_unioned does not union stg_snowplow__events yet, the copy gets the lines
proposed for it (SNOWPLOW_UNION_*). Each data set is written to <raw>/web/snowplow/ of its own
world, and one `dbt build` per world (both at the same time) builds the Snowplow staging
(models/staging/snowplow, with its data and unit tests), the seeds, and every model from
int_web_events_unioned to fct_page_views with their data tests and enforced contracts. The
other web sources and the email/identity/conversion models the sessions read are empty
stand-in tables: these are Snowplow-only worlds.

Where our output differs from Snowplow's, the difference is a deliberate rule of ours (doc
block `session`); each one is named, counted and asserted below, and everything else must be
equal.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import shutil
import subprocess
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb
import pytest
from conftest import BIN, ROOT, dbt_env

pytestmark = pytest.mark.dbt

REFERENCE = ROOT.parent / "shared" / "reference-data" / "snowplow"
WEB_015 = REFERENCE / "dbt-snowplow-web_0.15.2"
DBT_LABS = REFERENCE / "dbt-labs-snowplow"

# The lines proposed for models/intermediate/web/int_web_events_unioned.sql (and its YAML):
# an import CTE and a union branch, both only when clicktrail__using_snowplow is true.
UNION_CTE_ANCHOR = "mixpanel_events as (\n    select * from {{ ref('stg_mixpanel__events') }}\n),\n"
SNOWPLOW_UNION_CTE = (
    "{%- if var('clicktrail__using_snowplow', false) %}\n"
    "\n"
    "snowplow_events as (\n"
    "    select * from {{ ref('stg_snowplow__events') }}\n"
    "),\n"
    "{%- endif %}\n"
)
UNION_SELECT_ANCHOR = "    select {{ event_columns | join(', ') }} from mixpanel_events\n"
SNOWPLOW_UNION_SELECT = (
    "    {%- if var('clicktrail__using_snowplow', false) %}\n"
    "    union all\n"
    "    select {{ event_columns | join(', ') }} from snowplow_events\n"
    "    {%- endif %}\n"
)
UNION_YAML_OLD = 'values: ["ga4", "mixpanel"]'
UNION_YAML_NEW = 'values: ["ga4", "mixpanel", "snowplow"]'

SESSION_MODELS = [
    "int_web_events_unioned",
    "int_urls_collected",
    "int_urls_parsed",
    "int_web_events_sourced",
    "int_traffic_sources_collected",
    "int_traffic_sources_channeled",
    "int_web_events_enriched",
    "int_web_events_sessionized",
    "int_sessions",
    "int_sessions_capped",
    "fct_sessions",
    "fct_page_views",
]
# One `dbt build` per data set: the Snowplow staging (with its unit test: the model is
# disabled in the main build), the seeds the web models read, and the chain to the marts with
# their data tests. The sessions' unit tests run in the main build, not here.
SELECTION = [
    "path:models/staging/snowplow",
    "web_event_type_map",
    "bot_user_agents",
    "ga4_source_categories",
    *SESSION_MODELS,
]
EXCLUSION = ["test_type:unit,path:models/intermediate", "test_type:unit,path:models/marts"]
# Upstream models of the sessions that are not part of a Snowplow-only world: empty tables.
# The other web sources get the web event shape (int_web_events_unioned's event_columns; the
# typed ones below, the rest text).
STAND_INS = {
    "intermediate.int_email_events_unioned": "url varchar",
    "intermediate.int_conversions": "session_id varchar",
    "intermediate.int_email_engagement_signals": "recipient_token varchar, campaign_id varchar",
    "intermediate.int_contact_identifiers": (
        "identifier_type varchar, identifier_value varchar, contact_id varchar"
    ),
}
OTHER_WEB_SOURCES = ["staging.stg_ga4__events", "staging.stg_mixpanel__events"]
WEB_EVENT_TYPES = {
    "occurred_at": "timestamp",
    "event_date": "date",
    "source_session_number": "integer",
    "scroll_percent": "integer",
    "is_outbound": "boolean",
    "video_percent": "integer",
    "engagement_time_msec": "bigint",
}
DAYS_LATE_ALLOWED = dt.timedelta(days=3)


def _copy_project(dest: Path) -> bool:
    """Copy the dbt project; add the Snowplow union lines when they are not there yet."""
    for name in ["dbt_project.yml", "models", "macros", "seeds", "tests"]:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name)
        else:
            shutil.copy2(src, dest / name)
    unioned = dest / "models" / "intermediate" / "web" / "int_web_events_unioned.sql"
    sql = unioned.read_text()
    if "stg_snowplow__events" in sql:
        return False
    assert UNION_CTE_ANCHOR in sql and UNION_SELECT_ANCHOR in sql, (
        "int_web_events_unioned changed shape: update the proposed Snowplow union lines"
    )
    sql = sql.replace(UNION_CTE_ANCHOR, UNION_CTE_ANCHOR + SNOWPLOW_UNION_CTE)
    sql = sql.replace(UNION_SELECT_ANCHOR, UNION_SELECT_ANCHOR + SNOWPLOW_UNION_SELECT)
    unioned.write_text(sql)
    yml = unioned.with_suffix(".yml")
    yml.write_text(yml.read_text().replace(UNION_YAML_OLD, UNION_YAML_NEW))
    return True


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("snowplow_project")
    _copy_project(dest)
    return dest


def _dbt(project: Path, work: Path, args: list[str], variables: dict[str, object]) -> None:
    env = dbt_env(work / "raw", work / "warehouse.duckdb")
    (work / "tmp").mkdir(exist_ok=True)
    cmd = [
        str(BIN / "dbt"),
        *args,
        "--project-dir",
        str(project),
        "--target-path",
        str(work / "target"),
        "--log-path",
        str(work / "logs"),
        "--vars",
        json.dumps(variables),
    ]
    result = subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        lines = [ln for ln in result.stdout.splitlines() if "ERROR" in ln or "FAIL" in ln]
        detail = "\n".join(lines[-30:]) or result.stdout[-3000:]
        pytest.fail(f"dbt {' '.join(args[:1])} failed:\n{detail}")


def _web_event_columns(project: Path) -> list[str]:
    sql = (project / "models" / "intermediate" / "web" / "int_web_events_unioned.sql").read_text()
    found = re.search(r"set event_columns = \[(.*?)\]", sql, re.DOTALL)
    assert found, "int_web_events_unioned no longer declares event_columns"
    return re.findall(r"'([a-z0-9_]+)'", found.group(1))


def _build_world(project: Path, work: Path, variables: dict[str, object]) -> Path:
    """Stand-ins for the non-Snowplow upstreams, then one dbt build of the Snowplow chain."""
    db = work / "warehouse.duckdb"
    web_columns = ", ".join(
        f"{name} {WEB_EVENT_TYPES.get(name, 'varchar')}" for name in _web_event_columns(project)
    )
    with duckdb.connect(str(db)) as con:
        con.execute("create schema staging")
        con.execute("create schema intermediate")
        for table in OTHER_WEB_SOURCES:
            con.execute(f"create table {table} ({web_columns})")
        for table, columns in STAND_INS.items():
            con.execute(f"create table {table} ({columns})")
    args = ["build", "--select", *SELECTION, "--exclude", *EXCLUSION]
    _dbt(project, work, [*args, "--indirect-selection", "cautious"], variables)
    return db


def _build_in_parallel(jobs: dict[str, tuple[Path, Path, dict[str, object]]]) -> dict[str, Path]:
    """Build the data sets' worlds at the same time (each in its own folder and database)."""
    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        futures = {name: pool.submit(_build_world, *job) for name, job in jobs.items()}
        return {name: future.result() for name, future in futures.items()}


def _ts(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.strip())


def _rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict[str, object]]:
    cursor = con.execute(sql)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


# Our sessions and page views with Snowplow's keys (domain_sessionid, page_view_id).
OUR_SESSIONS = "select * from marts.fct_sessions"
OUR_PAGE_VIEWS = """
    select
        p.*,
        s.source_session_id,
        s.n_page_views as page_views_in_session,
        json_extract_string(e.extra_properties, '$.page_view_id') as snowplow_page_view_id
    from marts.fct_page_views as p
    inner join marts.fct_sessions as s using (session_id)
    inner join staging.stg_snowplow__events as e on p.page_view_id = e.web_event_id
"""
# Events and the session part they fell in, to tell a session's first part from the rest.
OUR_EVENT_PARTS = """
    select source_session_id, session_id, session_part, event_type, occurred_at
    from intermediate.int_web_events_sessionized
"""


# --------------------------------------------------------------------------------------------
# 1) dbt-snowplow-web 0.15.2 (heartbeat 10, min_visit_length 5, max_session_days 3,
#    days_late_allowed 3)
# --------------------------------------------------------------------------------------------

WEB_015_VARS = {
    "clicktrail__using_snowplow": True,
    "clicktrail__session_trust_source_session_id": True,
    "clicktrail__session_max_length_seconds": 3 * 86400,
    "clicktrail__snowplow_heartbeat_seconds": 10,
    "clicktrail__snowplow_min_visit_length_seconds": 5,
}


@dataclass
class Web015:
    con: duckdb.DuckDBPyConnection
    raw: list[dict[str, str]]
    sessions: list[dict[str, str]]
    page_views: list[dict[str, str]]
    quarantined: set[str]


@pytest.fixture(scope="module")
def web_015(worlds: dict[str, Path]) -> Web015:
    db = worlds["web_015"]

    def read(name: str) -> list[dict[str, str]]:
        with (WEB_015 / name).open(newline="") as handle:
            return list(csv.DictReader(handle))

    quarantined = {
        r["session_id"] for r in read("snowplow_web_base_quarantined_sessions_expected.csv")
    }
    return Web015(
        con=duckdb.connect(str(db), read_only=True),
        raw=read("snowplow_web_events.csv"),
        sessions=read("snowplow_web_sessions_expected.csv"),
        page_views=read("snowplow_web_page_views_expected.csv"),
        quarantined=quarantined,
    )


def _first_parts(w: Web015) -> dict[str, dict[str, object]]:
    """Per domain_sessionid, our session holding its first event (cap part 0)."""
    ours = {r["session_id"]: r for r in _rows(w.con, OUR_SESSIONS)}
    first: dict[str, dict[str, object]] = {}
    for row in _rows(w.con, OUR_EVENT_PARTS):
        sid = row["source_session_id"]
        if sid is None or row["session_part"] != 0:
            continue
        current = first.get(sid)
        session = ours[row["session_id"]]
        if current is None or session["started_at"] < current["started_at"]:
            first[sid] = session
    return first


def _rotating_session(w: Web015) -> str:
    """The domain_sessionid the web package's test data gives several domain_userids."""
    users: dict[str, set[str]] = {}
    for e in w.raw:
        if e["domain_sessionid"] and e["domain_userid"]:
            users.setdefault(e["domain_sessionid"], set()).add(e["domain_userid"])
    rotating = [sid for sid, uids in users.items() if len(uids) > 1]
    assert len(rotating) == 1
    return rotating[0]


def _repeated_page_view_events(w: Web015) -> Counter[str]:
    """Per domain_sessionid, page_view events (distinct event_ids) repeating a page_view_id."""
    event_ids: dict[tuple[str, str], set[str]] = {}
    for e in w.raw:
        if e["event_name"] != "page_view":
            continue
        page_view_id = json.loads(e["contexts_com_snowplowanalytics_snowplow_web_page_1_0_0"])[0]
        if page_view_id.get("id"):
            key = (e["domain_sessionid"], page_view_id["id"])
            event_ids.setdefault(key, set()).add(e["event_id"])
    repeated: Counter[str] = Counter()
    for (sid, _), ids in event_ids.items():
        repeated[sid] += len(ids) - 1
    return repeated


def _ping_first_sessions(w: Web015) -> set[str]:
    """Expected sessions whose first page event is a page ping (no page view of their own)."""
    return {s["domain_sessionid"] for s in w.sessions if s["event_counts"] == '{"page_ping" :1}'}


def test_web_015_staging_applies_snowplow_dedupe(web_015: Web015) -> None:
    """Snowplow's dedupe (per event_id the first collected row; per page_view_id the earliest
    page_view) quarantines exactly the 4 duplicates of the data set; nothing else is rejected
    (late events and events without domain_sessionid are kept on purpose)."""
    reasons = Counter(
        r
        for (r,) in web_015.con.execute(
            "select reject_reason from staging.stg_snowplow__events_quarantined"
        ).fetchall()
    )
    assert reasons == Counter({"duplicate": 4})
    n_staged = web_015.con.execute("select count(*) from staging.stg_snowplow__events").fetchone()
    assert n_staged == (len(web_015.raw) - 4,)


def test_web_015_every_expected_session_matches(web_015: Web015) -> None:
    """Each of Snowplow's 18 sessions has our session (its first part) with the same start,
    end, duration, number of events, page views, engaged time, visitor, landing and exit
    pages, and — for the 2 campaign sessions — traffic source, medium and GA4 channel.
    Documented differences:
    - the rotating-domain_userid session: Snowplow keeps one session across 3 cookies; a
      session of ours never spans two visitors (test_web_015_rotating_cookie_splits);
    - sessions that start with a page ping (3): Snowplow starts them min_visit_length (5 s)
      before the ping and counts the ping's page view (1); we start at the ping and count
      page_view events only (0);
    - a second page_view event of the same page_view_id (1, in the 'dupe: page_view_id'
      session): Snowplow counts it in total_events but not as a page view; our staging
      quarantines it as a duplicate, so that session has one event less."""
    repeated_page_views = _repeated_page_view_events(web_015)
    assert sum(repeated_page_views.values()) == 1
    first = _first_parts(web_015)
    rotating = _rotating_session(web_015)
    ping_first = _ping_first_sessions(web_015)
    assert len(web_015.sessions) == 18
    assert len(ping_first) == 3
    compared = campaigns = 0
    for exp in web_015.sessions:
        sid = exp["domain_sessionid"]
        if sid == rotating:
            continue
        ours = first[sid]
        start = _ts(exp["start_tstamp"])
        if sid in ping_first:
            start += dt.timedelta(seconds=5)
        assert ours["started_at"] == start, sid
        assert ours["ended_at"] == _ts(exp["end_tstamp"]), sid
        assert ours["n_events"] == int(exp["total_events"]) - repeated_page_views[sid], sid
        expected_page_views = 0 if sid in ping_first else int(exp["page_views"])
        assert ours["n_page_views"] == expected_page_views, sid
        assert (ours["engagement_time_msec"] or 0) == 1000 * int(exp["engaged_time_in_s"]), sid
        assert ours["duration_seconds"] == int(exp["absolute_time_in_s"]) - (
            5 if sid in ping_first else 0
        ), sid
        if exp["domain_userid"]:
            assert ours["visitor_id"] == f"snowplow:{exp['domain_userid']}", sid
        assert ours["landing_page_path"] == exp["first_page_urlpath"], sid
        if ours["n_page_views"]:
            assert ours["exit_page_path"] == exp["last_page_urlpath"], sid
        if exp["mkt_medium"]:
            # Campaign sessions: the same source, medium, campaign and GA4 channel. (Without
            # campaign fields the channel depends on which referrers are the site's own:
            # clicktrail__site_domains, not a session rule, so it is not compared.)
            assert (ours["traffic_source"], ours["traffic_medium"], ours["channel_group"]) == (
                exp["mkt_source"],
                exp["mkt_medium"],
                exp["default_channel_group"],
            ), sid
            campaigns += 1
        compared += 1
    assert compared == 17
    assert campaigns == 2


def test_web_015_rotating_cookie_splits(web_015: Web015) -> None:
    """Deliberate: the session whose domain_userid rotates (3 cookies) is 3 sessions of ours,
    one per visitor, holding together Snowplow's page views and events."""
    rotating = _rotating_session(web_015)
    exp = next(s for s in web_015.sessions if s["domain_sessionid"] == rotating)
    ours = [r for r in _rows(web_015.con, OUR_SESSIONS) if r["source_session_id"] == rotating]
    assert len(ours) == 3
    assert len({r["visitor_id"] for r in ours}) == 3
    assert sum(r["n_page_views"] for r in ours) == int(exp["page_views"])
    assert sum(r["n_events"] for r in ours) == int(exp["total_events"])
    assert min(r["started_at"] for r in ours) == _ts(exp["start_tstamp"])
    assert max(r["ended_at"] for r in ours) == _ts(exp["end_tstamp"])


def test_web_015_extra_sessions_are_deliberate(web_015: Web015) -> None:
    """Our sessions beyond Snowplow's 18 (53 in all), each for a documented rule:
    - 26 sessions with neither a page view nor a page ping (consent events): Snowplow models
      only sessions with one; we keep every session;
    - 1 session of an event without domain_sessionid: Snowplow drops it; we sessionise it by
      the timeout;
    - 1 session whose only page_view has no page_view_id: Snowplow needs the id; we do not;
    - 1 session of events sent more than days_late_allowed (3) after they were created:
      Snowplow drops them; we keep late events;
    - 4 cap parts: the 'long session' (> max_session_days) in 4 parts (Snowplow quarantines
      it and drops its later events) and the 'unexpired session' in 2 parts (Snowplow drops
      its event 8 months later);
    - 2 more sessions for the rotating-cookie session (see above)."""
    ours = _rows(web_015.con, OUR_SESSIONS)
    expected_ids = {s["domain_sessionid"] for s in web_015.sessions}
    raw = web_015.raw
    page_event_sessions = {
        e["domain_sessionid"] for e in raw if e["event_name"] in ("page_view", "page_ping")
    }
    no_page_events = {
        e["domain_sessionid"] for e in raw if e["domain_sessionid"]
    } - page_event_sessions
    late = {
        e["domain_sessionid"]
        for e in raw
        if _ts(e["dvce_sent_tstamp"]) > _ts(e["dvce_created_tstamp"]) + DAYS_LATE_ALLOWED
    }
    no_page_view_id = {
        e["domain_sessionid"]
        for e in raw
        if e["event_name"] == "page_view"
        and json.loads(e["contexts_com_snowplowanalytics_snowplow_web_page_1_0_0"])[0]["id"] is None
    }
    first_part_ids = {r["session_id"] for r in _first_parts(web_015).values()}
    kinds: Counter[str] = Counter()
    for r in ours:
        sid = r["source_session_id"]
        if sid in expected_ids:
            if r["session_id"] in first_part_ids:
                kinds["matched"] += 1
            else:
                kinds["cap part" if r["is_capped"] else "rotating cookie"] += 1
        elif sid is None:
            kinds["no domain_sessionid"] += 1
        elif sid in no_page_events:
            kinds["no page view or ping"] += 1
        elif sid in late:
            kinds["late events"] += 1
        else:
            assert sid in no_page_view_id, sid
            kinds["page view without page_view_id"] += 1
    assert kinds == Counter(
        {
            "matched": 18,
            "no page view or ping": 26,
            "no domain_sessionid": 1,
            "page view without page_view_id": 1,
            "late events": 1,
            "cap part": 4,
            "rotating cookie": 2,
        }
    )
    assert len(ours) == 53


def test_web_015_quarantined_session_is_capped(web_015: Web015) -> None:
    """Snowplow's quarantined session (longer than max_session_days) is capped by us: its first
    part equals Snowplow's truncated session (compared above) and its parts are reported in
    int_sessions_capped. We also cap the 'unexpired session', whose late event Snowplow drops
    without quarantining the session."""
    capped = {
        sid
        for (sid,) in web_015.con.execute(
            """
            select distinct s.source_session_id
            from intermediate.int_sessions_capped as c
            inner join intermediate.int_sessions as s using (session_id)
            """
        ).fetchall()
    }
    assert web_015.quarantined <= capped
    unexpired = {
        s["domain_sessionid"] for s in web_015.sessions if s["user_id"] == "Unexpired session"
    }
    assert capped == web_015.quarantined | unexpired
    n_parts = web_015.con.execute(
        "select count(*) from intermediate.int_sessions_capped"
    ).fetchone()
    assert n_parts == (6,)


def test_web_015_every_expected_page_view_matches(web_015: Web015) -> None:
    """Each of Snowplow's 43 page views is one of ours (by page_view_id), at the same time, in
    the session of the same domain_sessionid, with the same engaged time, the same index in
    the session and the same number of page views in it. Documented differences: the
    rotating-cookie session's 3 page views are each first in a session of their own; two page
    views at the same derived_tstamp are ordered by event_id in Snowplow and by web_event_id
    (a hash of it) by us, so their indexes are compared as a set."""
    ours = {r["snowplow_page_view_id"]: r for r in _rows(web_015.con, OUR_PAGE_VIEWS)}
    rotating = _rotating_session(web_015)
    assert len(web_015.page_views) == 43
    ties: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for exp in web_015.page_views:
        sid = exp["domain_sessionid"]
        mine = ours[exp["page_view_id"]]
        assert mine["source_session_id"] == sid
        assert mine["viewed_at"] == _ts(exp["start_tstamp"])
        assert (mine["engagement_time_msec"] or 0) == 1000 * int(exp["engaged_time_in_s"])
        if sid == rotating:
            assert (mine["page_view_in_session"], mine["page_views_in_session"]) == (1, 1)
            continue
        assert mine["page_views_in_session"] == int(exp["page_views_in_session"])
        key = (sid, exp["start_tstamp"])
        ties.setdefault(key, []).append(
            (mine["page_view_in_session"], int(exp["page_view_in_session_index"]))
        )
    for pairs in ties.values():
        assert sorted(a for a, _ in pairs) == sorted(b for _, b in pairs)
    assert sum(1 for pairs in ties.values() if len(pairs) > 1) == 1


def test_web_015_extra_page_views_are_deliberate(web_015: Web015) -> None:
    """48 page views of ours: Snowplow's 43, plus the page view without a page_view_id, the
    late-arriving page view, and 3 page views in the cap parts of the long and unexpired
    sessions that Snowplow drops."""
    ours = _rows(web_015.con, OUR_PAGE_VIEWS)
    expected_ids = {p["page_view_id"] for p in web_015.page_views}
    extra = [r for r in ours if r["snowplow_page_view_id"] not in expected_ids]
    assert len(ours) == 48
    assert len(extra) == 5
    assert sum(1 for r in extra if r["snowplow_page_view_id"] is None) == 1
    sessions = {r["session_id"]: r for r in _rows(web_015.con, OUR_SESSIONS)}
    assert sum(1 for r in extra if sessions[r["session_id"]]["is_capped"]) == 3


# --------------------------------------------------------------------------------------------
# 2) dbt-labs/snowplow (page_ping_frequency 30, timezone America/New_York, two batches)
# --------------------------------------------------------------------------------------------

DBT_LABS_VARS = {
    "clicktrail__using_snowplow": True,
    "clicktrail__session_trust_source_session_id": True,
    # One ping = one page_ping_frequency of engaged time.
    "clicktrail__snowplow_heartbeat_seconds": 30,
    "clicktrail__snowplow_min_visit_length_seconds": 30,
}
NEW_YORK = ZoneInfo("America/New_York")


def _convert_dbt_labs(raw_dir: Path) -> None:
    """The dbt-labs seeds to the atomic.events CSV our source reads: the literal NULL becomes
    empty and the web_page context (a separate seed, root_id -> id) becomes the context
    column. One file per batch (initial load, then the late/new events)."""
    contexts: dict[str, str] = {}
    for name in ["sp_web_page.csv", "sp_web_page_update.csv"]:
        with (DBT_LABS / name).open(newline="") as handle:
            for row in csv.DictReader(handle):
                contexts[row["root_id"]] = json.dumps([{"id": row["id"]}])
    for name in ["sp_event.csv", "sp_event_update.csv"]:
        with (DBT_LABS / name).open(newline="") as handle:
            rows = list(csv.DictReader(handle))
        column = "contexts_com_snowplowanalytics_snowplow_web_page_1_0_0"
        fields = [*rows[0].keys(), column]
        with (raw_dir / name).open("w", newline="") as out:
            writer = csv.DictWriter(out, fieldnames=fields)
            writer.writeheader()
            for row in rows:
                clean = {k: ("" if v == "NULL" else v) for k, v in row.items()}
                clean[column] = contexts.get(row["event_id"], "")
                writer.writerow(clean)


def _local_to_utc(text: str) -> dt.datetime:
    local = dt.datetime.strptime(text, "%Y-%m-%d %H:%M:%S").replace(tzinfo=NEW_YORK)
    return local.astimezone(dt.UTC).replace(tzinfo=None)


@pytest.fixture(scope="module")
def dbt_labs(worlds: dict[str, Path]) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(worlds["dbt_labs"]), read_only=True)


@pytest.fixture(scope="module")
def worlds(project: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Both data sets written as <raw>/web/snowplow/*.csv and built at the same time."""
    web_015 = tmp_path_factory.mktemp("snowplow_web_015")
    raw_dir = web_015 / "raw" / "web" / "snowplow"
    raw_dir.mkdir(parents=True)
    shutil.copy2(WEB_015 / "snowplow_web_events.csv", raw_dir / "snowplow_web_events.csv")
    dbt_labs = tmp_path_factory.mktemp("snowplow_dbt_labs")
    raw_dir = dbt_labs / "raw" / "web" / "snowplow"
    raw_dir.mkdir(parents=True)
    _convert_dbt_labs(raw_dir)
    return _build_in_parallel(
        {
            "web_015": (project, web_015, WEB_015_VARS),
            "dbt_labs": (project, dbt_labs, DBT_LABS_VARS),
        }
    )


def _read_dbt_labs(name: str) -> list[dict[str, str]]:
    with (DBT_LABS / name).open(newline="") as handle:
        return list(csv.DictReader(handle))


def test_dbt_labs_sessions_match_exactly(dbt_labs: duckdb.DuckDBPyConnection) -> None:
    """All 5 sessions equal the expected file: start and end (expected in America/New_York),
    session index, visitor, page views and engaged time; no extra session."""
    expected = {s["session_id"]: s for s in _read_dbt_labs("snowplow_sessions_expected.csv")}
    page_views = Counter(
        p["session_id"] for p in _read_dbt_labs("snowplow_page_views_expected.csv")
    )
    ours = {r["source_session_id"]: r for r in _rows(dbt_labs, OUR_SESSIONS)}
    assert len(ours) == 5
    assert set(ours) == set(expected)
    for sid, exp in expected.items():
        mine = ours[sid]
        assert mine["started_at"] == _local_to_utc(exp["session_start"]), sid
        assert mine["ended_at"] == _local_to_utc(exp["session_end"]), sid
        assert mine["visitor_id"] == f"snowplow:{exp['user_snowplow_domain_id']}", sid
        assert mine["n_page_views"] == page_views[sid], sid
        assert (mine["engagement_time_msec"] or 0) == 1000 * int(exp["time_engaged_in_s"]), sid
    sessions_index = dict(
        dbt_labs.execute(
            "select distinct source_session_id, source_session_number"
            " from intermediate.int_web_events_enriched"
        ).fetchall()
    )
    assert sessions_index == {sid: int(e["session_index"]) for sid, e in expected.items()}


def test_dbt_labs_page_views_match_exactly(dbt_labs: duckdb.DuckDBPyConnection) -> None:
    """All 7 page views equal the expected file: session, start time and engaged time
    (30 s per page ping); the late page view of user 1 joins its existing session."""
    expected = _read_dbt_labs("snowplow_page_views_expected.csv")
    ours = {r["snowplow_page_view_id"]: r for r in _rows(dbt_labs, OUR_PAGE_VIEWS)}
    assert len(ours) == len(expected) == 7
    for exp in expected:
        mine = ours[exp["page_view_id"]]
        assert mine["source_session_id"] == exp["session_id"]
        assert mine["viewed_at"] == _local_to_utc(exp["page_view_start"])
        assert (mine["engagement_time_msec"] or 0) == 1000 * int(exp["time_engaged_in_s"])
