"""The demo-world generator: determinism, coverage, contract conformance and domain invariants.

Every check recomputes what it needs from the raw files (the way a model would read them)
and compares with the ground truth, instead of trusting the generator's own arrays.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import itertools
import json
import re
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from clicktrail.cli import main
from clicktrail.generator import GeneratorConfig, generate

FIXTURE = ["--contacts", "150", "--days", "21", "--seed", "7"]
SESSION_GAP_S = 30 * 60
SENDGRID_TYPES = {
    "processed",
    "dropped",
    "delivered",
    "deferred",
    "bounce",
    "open",
    "click",
    "spamreport",
    "unsubscribe",
    "group_unsubscribe",
    "group_resubscribe",
}
GENERIC_TYPES = {
    "send",
    "delivered",
    "deferred",
    "bounce",
    "dropped",
    "open",
    "click",
    "unsubscribe",
    "spam_complaint",
}
GA4_EVENTS = {
    "page_view",
    "scroll",
    "cta_click",
    "video_start",
    "video_progress",
    "video_complete",
    "file_download",
    "form_start",
    "form_submit",
    "view_search_results",
    "user_engagement",
    "session_start",
    "first_visit",
    "click",
}
BAD_URL = "ht!tp://%%%"


# ------------------------------------------------------------------ fixtures and readers
@pytest.fixture(scope="session")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("world")
    assert main(["generate", *FIXTURE, "--out", str(out), "--quiet"]) == 0
    return out


def _day(path: Path) -> dt.date:
    digits = re.sub(r"\D", "", path.stem)
    return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))


def _utc_day(seconds: float) -> dt.date:
    return dt.datetime.fromtimestamp(seconds, dt.UTC).date()


def _parse_iso(text: str) -> dt.datetime | None:
    try:
        value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


@pytest.fixture(scope="session")
def sendgrid(world: Path) -> dict:
    events, malformed, arrays, lines = [], 0, 0, 0
    for path in sorted((world / "raw/esp/sendgrid").glob("*.json")):
        for line in path.read_text().splitlines():
            lines += 1
            try:
                obj = json.loads(line)
            except json.JSONDecodeError:
                malformed += 1
                continue
            if isinstance(obj, list):
                arrays += 1
            for e in obj if isinstance(obj, list) else [obj]:
                events.append((e, _day(path)))
    return {"events": events, "malformed": malformed, "arrays": arrays, "lines": lines}


@pytest.fixture(scope="session")
def generic(world: Path) -> list[tuple[dict, dt.date]]:
    rows = []
    for path in sorted((world / "raw/esp/events").glob("*.csv")):
        assert path.read_bytes().startswith(b"\xef\xbb\xbf")
        with open(path, encoding="utf-8-sig", newline="") as fh:
            rows += [(r, _day(path)) for r in csv.DictReader(fh)]
    return rows


@pytest.fixture(scope="session")
def mixpanel(world: Path) -> dict:
    events, malformed = [], 0
    for path in sorted((world / "raw/web/mixpanel").glob("*.jsonl")):
        for line in path.read_text().splitlines():
            try:
                events.append((json.loads(line), _day(path)))
            except json.JSONDecodeError:
                malformed += 1
    return {"events": events, "malformed": malformed}


@pytest.fixture(scope="session")
def ga4(world: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute(f"create table ga4 as select * from read_parquet('{world}/raw/web/ga4/*.parquet')")
    con.execute(
        """
        create macro param(params, k) as
            list_filter(params, lambda p: p.key = k)[1].value.string_value;
        create table ga4_flat as
        select
            event_timestamp as ts, event_name, user_pseudo_id, user_id,
            param(event_params, 'page_location') as url,
            param(event_params, 'form_type') as form_type,
            param(event_params, 'email_sha256') as sha
        from ga4
        """
    )
    return con


def _truth(world: Path, name: str) -> list[dict]:
    with open(world / "truth" / name, newline="") as fh:
        return list(csv.DictReader(fh))


def _faults(world: Path) -> dict[tuple[str, str], int]:
    return {(r["file_kind"], r["fault_type"]): int(r["count"]) for r in _truth(world, "faults.csv")}


# --------------------------------------------------------------------------- determinism
def _digests(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_same_seed_gives_byte_identical_files(world: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    assert main(["generate", *FIXTURE, "--out", str(again), "--quiet"]) == 0
    first, second = _digests(world), _digests(again)
    assert len(first) > 60
    assert first == second
    other = tmp_path / "other"
    generate(GeneratorConfig(contacts=150, days=21, seed=8, out=other, quiet=True))
    assert _digests(other) != first


def test_ndjson_ga4_is_deterministic_and_matches_parquet(tmp_path: Path) -> None:
    outs = []
    for name in ("a", "b"):
        out = tmp_path / name
        generate(
            GeneratorConfig(contacts=40, days=7, seed=3, out=out, ga4_format="ndjson", quiet=True)
        )
        outs.append(out)
    assert _digests(outs[0]) == _digests(outs[1])
    pq_out = tmp_path / "pq"
    generate(GeneratorConfig(contacts=40, days=7, seed=3, out=pq_out, quiet=True))
    con = duckdb.connect()
    n_json = con.execute(
        f"select count(*) from read_json_auto('{outs[0]}/raw/web/ga4/*.ndjson')"
    ).fetchall()[0]
    n_pq = con.execute(
        f"select count(*) from read_parquet('{pq_out}/raw/web/ga4/*.parquet')"
    ).fetchall()[0]
    assert n_json == n_pq
    # everything except the GA4 files is the same world
    a = {k: v for k, v in _digests(outs[0]).items() if "/ga4/" not in k and k != "manifest.json"}
    b = {k: v for k, v in _digests(pq_out).items() if "/ga4/" not in k and k != "manifest.json"}
    assert a == b


def test_events_option_scales_contacts() -> None:
    small = GeneratorConfig(events=1_000_000, days=90)
    big = GeneratorConfig(events=10_000_000, days=90)
    assert 2000 < small.n_contacts < big.n_contacts
    assert abs(big.n_contacts / small.n_contacts - 10) < 0.1


# ----------------------------------------------------------------------- layout, contract
def test_layout_and_manifest(world: Path) -> None:
    raw = world / "raw"
    manifest = json.loads((world / "manifest.json").read_text())
    assert manifest["args"]["seed"] == 7
    files = manifest["files"]
    for kind, folder, pattern in (
        ("sendgrid", "esp/sendgrid", "*.json"),
        ("generic_csv", "esp/events", "*.csv"),
        ("ga4", "web/ga4", "events_*.parquet"),
        ("mixpanel", "web/mixpanel", "*.jsonl"),
    ):
        assert len(list((raw / folder).glob(pattern))) == files[kind]["files"] > 0
    for single in ("esp/campaigns/campaigns.csv", "crm/contacts/contacts.csv"):
        assert (raw / single).exists()
    assert (raw / "crm/opportunities/opportunities.csv").exists()
    for name in ("contacts", "web_visitors", "sessions", "email_clicks", "faults"):
        assert (world / "truth" / f"{name}.csv").exists()
    assert len(list((raw / "web/ga4").glob("*.parquet"))) == 21


def test_sendgrid_lines_follow_the_contract(sendgrid: dict) -> None:
    assert sendgrid["arrays"] > 0  # whole POST bodies on one line
    per_type = {
        "processed": {"pool"},
        "dropped": {"reason", "status"},
        "delivered": {"response", "tls", "ip"},
        "deferred": {"response", "attempt"},
        "bounce": {"type", "reason", "status", "bounce_classification"},
        "open": {"useragent", "ip", "sg_machine_open"},
        "click": {"url", "url_offset", "useragent", "ip"},
        "group_unsubscribe": {"asm_group_id", "useragent", "ip", "url"},
        "group_resubscribe": {"asm_group_id", "useragent", "ip", "url"},
    }
    base = {"email", "event", "sg_event_id", "sg_message_id", "smtp-id", "category"}
    base |= {"contact_id", "campaign_id", "marketing_campaign_id", "marketing_campaign_name"}
    for e, _ in sendgrid["events"]:
        assert base <= e.keys(), e
        assert isinstance(e["category"], str | list)
        assert e["contact_id"].startswith("esp_") and e["campaign_id"].startswith("cmp_")
        if "timestamp" in e:
            assert isinstance(e["timestamp"], int)
        assert per_type.get(e["event"], set()) <= e.keys(), e
        if e["event"] == "bounce":
            assert e["type"] in ("bounce", "blocked")


def test_generic_csv_follows_the_contract(world: Path, generic: list) -> None:
    header = (world / "raw/esp/events").glob("*.csv").__next__().read_text("utf-8-sig")
    assert header.splitlines()[0] == (
        "event_id,event_type,occurred_at,contact_id,email,campaign_id,message_id,url,"
        "user_agent,ip,bounce_type,is_machine_open"
    )
    for r, _ in generic:
        assert r["event_type"] in GENERIC_TYPES
        assert (r["bounce_type"] in ("hard", "soft")) == (r["event_type"] == "bounce")
        assert (r["is_machine_open"] in ("true", "false")) == (r["event_type"] == "open")
        assert bool(r["url"]) == (r["event_type"] == "click")
    zones = Counter(
        "Z" if r["occurred_at"].endswith("Z") else "+" if "+" in r["occurred_at"] else "naive"
        for r, _ in generic
    )
    assert zones["Z"] and zones["+"] and zones["naive"]


def test_ga4_parquet_has_the_nested_bigquery_schema(world: Path) -> None:
    path = sorted((world / "raw/web/ga4").glob("*.parquet"))[0]
    schema = pq.read_schema(path)
    value = pa.struct(
        [
            ("string_value", pa.string()),
            ("int_value", pa.int64()),
            ("float_value", pa.float64()),
            ("double_value", pa.float64()),
        ]
    )
    params = schema.field("event_params").type
    assert pa.types.is_list(params)
    assert params.value_type == pa.struct([("key", pa.string()), ("value", value)])
    assert schema.field("user_properties").type.value_type == params.value_type
    assert schema.field("event_timestamp").type == pa.int64()
    assert schema.field("event_date").type == pa.string()
    device = schema.field("device").type
    assert device.field("web_info").type.field("browser").type == pa.string()
    for name in ("geo", "traffic_source", "collected_traffic_source", "privacy_info"):
        assert pa.types.is_struct(schema.field(name).type)
    for name in ("user_pseudo_id", "user_id", "event_name", "stream_id", "platform"):
        assert schema.field(name).type == pa.string()
    assert pa.types.is_list(schema.field("items").type)


def test_mixpanel_lines_follow_the_contract(mixpanel: dict) -> None:
    seconds = millis = 0
    for e, _ in mixpanel["events"]:
        p = e["properties"]
        assert {"time", "distinct_id", "$insert_id", "$device_id", "$current_url"} <= p.keys()
        if "$user_id" in p:
            assert p["distinct_id"] == p["$user_id"]
        else:
            assert p["distinct_id"] == p["$device_id"]
        if p["time"] > 10**11:
            millis += 1
        else:
            seconds += 1
    assert seconds and millis


def test_crm_files(world: Path) -> None:
    with open(world / "raw/crm/contacts/contacts.csv", newline="") as fh:
        contacts = list(csv.DictReader(fh))
    assert len(contacts) == 150
    for c in contacts:
        assert c["email"].strip().lower().endswith("@" + c["company_domain"])
        assert _parse_iso(c["created_at"]) is not None
        assert len(c["country"]) == 2 and int(c["company_size"]) > 0
    assert any(c["user_id"] for c in contacts) and any(not c["user_id"] for c in contacts)
    ids = {c["contact_id"] for c in contacts}
    with open(world / "raw/crm/opportunities/opportunities.csv", newline="") as fh:
        opps = list(csv.DictReader(fh))
    assert opps
    for o in opps:
        assert o["contact_id"] in ids and o["stage"] in ("open", "won", "lost")
        assert float(o["amount"]) > 0
        assert bool(o["closed_at"]) == (o["stage"] != "open")
    with open(world / "raw/esp/campaigns/campaigns.csv", newline="") as fh:
        camps = list(csv.DictReader(fh))
    assert {c["esp"] for c in camps} == {"sendgrid", "generic"}
    assert all(3 <= int(c["link_count"]) <= 6 for c in camps)


# -------------------------------------------------------------------------- coverage
def test_every_event_type_and_behaviour_is_present(
    world: Path, sendgrid: dict, generic: list, mixpanel: dict, ga4: duckdb.DuckDBPyConnection
) -> None:
    sg = [e for e, _ in sendgrid["events"]]
    assert {e["event"] for e in sg} >= SENDGRID_TYPES
    assert {e["type"] for e in sg if e["event"] == "bounce"} == {"bounce", "blocked"}
    opens = [e for e in sg if e["event"] == "open"]
    assert {e["sg_machine_open"] for e in opens} == {True, False}
    assert any("GoogleImageProxy" in e["useragent"] for e in opens)
    assert any("," in e.get("ip", "") for e in sg)  # comma-separated client, proxy
    assert {r["event_type"] for r, _ in generic} == GENERIC_TYPES
    assert any("safelinks.protection.outlook.com" in r["url"] for r, _ in generic)
    names = {n for (n,) in ga4.sql("select distinct event_name from ga4").fetchall()}
    assert names >= GA4_EVENTS
    forms = {f for (f,) in ga4.sql("select distinct form_type from ga4_flat").fetchall()}
    assert {"demo_request", "content_download", "contact_sales", "newsletter"} <= forms
    mp_names = {e["event"] for e, _ in mixpanel["events"]}
    assert {"$mp_web_page_view", "$identify", "Sign In"} <= mp_names and len(mp_names) > 4
    clicks = _truth(world, "email_clicks.csv")
    kinds = {c["bot_kind"] for c in clicks if c["is_bot"] == "true"}
    assert kinds == {"microsoft_safelinks", "proofpoint", "mimecast", "barracuda", "cisco_sandbox"}
    assert any(c["is_honeypot"] == "true" for c in clicks)
    sessions = _truth(world, "sessions.csv")
    channels = {s["channel"] for s in sessions if s["source_system"] == "ga4"}
    assert channels == {
        "Direct",
        "Organic Search",
        "Paid Search",
        "Paid Social",
        "Organic Social",
        "Referral",
        "Email",
    }
    visitors = _truth(world, "web_visitors.csv")
    assert {v["visitor_kind"] for v in visitors} >= {"contact", "anonymous", "careers", "crawler"}
    assert any(v["is_bot"] == "true" for v in visitors)
    contacts = _truth(world, "contacts.csv")
    assert any(c["demo_requested_at"] for c in contacts)
    assert any(c["first_opportunity_at"] for c in contacts)
    faults = _faults(world)
    expected = {
        ("sendgrid", "duplicate_delivery"),
        ("sendgrid", "late_arrival"),
        ("sendgrid", "malformed_json"),
        ("sendgrid", "unknown_event_type"),
        ("sendgrid", "missing_timestamp"),
        ("generic_csv", "bad_occurred_at"),
        ("generic_csv", "duplicate_row"),
        ("generic_csv", "late_arrival"),
        ("ga4", "duplicate_row"),
        ("ga4", "null_event_timestamp"),
        ("ga4", "consent_denied_no_ids"),
        ("ga4", "unparseable_page_location"),
        ("mixpanel", "duplicate_event"),
        ("mixpanel", "late_arrival"),
        ("mixpanel", "malformed_json"),
    }
    assert set(faults) == expected
    assert all(v >= 1 for v in faults.values())


# --------------------------------------------------------------------------- faults
def test_fault_counts_match_the_raw_files(
    world: Path, sendgrid: dict, generic: list, mixpanel: dict, ga4: duckdb.DuckDBPyConnection
) -> None:
    f = _faults(world)
    # SendGrid
    events = sendgrid["events"]
    assert f["sendgrid", "malformed_json"] == sendgrid["malformed"]
    ids = Counter(e["sg_event_id"] for e, _ in events)
    assert f["sendgrid", "duplicate_delivery"] == sum(ids.values()) - len(ids)
    assert f["sendgrid", "unknown_event_type"] == sum(
        e["event"] not in SENDGRID_TYPES for e, _ in events
    )
    assert f["sendgrid", "missing_timestamp"] == sum("timestamp" not in e for e, _ in events)
    first_file: dict[str, dt.date] = {}
    for e, day in events:
        if "timestamp" in e:
            first_file[e["sg_event_id"]] = min(day, first_file.get(e["sg_event_id"], day))
    when = {e["sg_event_id"]: _utc_day(e["timestamp"]) for e, _ in events if "timestamp" in e}
    assert f["sendgrid", "late_arrival"] == sum(first_file[k] > when[k] for k in when)
    # generic CSV
    ids = Counter(r["event_id"] for r, _ in generic)
    assert f["generic_csv", "duplicate_row"] == sum(ids.values()) - len(ids)
    parsed = {r["event_id"]: _parse_iso(r["occurred_at"]) for r, _ in generic}
    assert f["generic_csv", "bad_occurred_at"] == sum(v is None for v in parsed.values())
    first_file = {}
    for r, day in generic:
        first_file[r["event_id"]] = min(day, first_file.get(r["event_id"], day))
    late = sum(
        first_file[k] > v.astimezone(dt.UTC).date() for k, v in parsed.items() if v is not None
    )
    assert f["generic_csv", "late_arrival"] == late
    # GA4
    (dups,) = ga4.execute(
        "select count(*) - (select count(*) from (select distinct * from ga4)) from ga4"
    ).fetchall()[0]
    assert f["ga4", "duplicate_row"] == dups
    (null_ts,) = ga4.execute("select count(*) from ga4 where event_timestamp is null").fetchall()[0]
    assert f["ga4", "null_event_timestamp"] == null_ts
    (no_ids,) = ga4.execute(
        "select count(*) from ga4 where user_pseudo_id is null and user_id is null"
    ).fetchall()[0]
    assert f["ga4", "consent_denied_no_ids"] == no_ids
    (bad,) = ga4.execute(f"select count(*) from ga4_flat where url = '{BAD_URL}'").fetchall()[0]
    assert f["ga4", "unparseable_page_location"] == bad
    # Mixpanel: dedupe key of Mixpanel's compaction (name, distinct_id, $insert_id, day)
    assert f["mixpanel", "malformed_json"] == mixpanel["malformed"]
    keys: Counter = Counter()
    first_file = {}
    for e, day in mixpanel["events"]:
        p = e["properties"]
        t = p["time"] / 1000 if p["time"] > 10**11 else p["time"]
        k = (e["event"], p["distinct_id"], p["$insert_id"], _utc_day(t))
        keys[k] += 1
        first_file[k] = min(day, first_file.get(k, day))
    assert f["mixpanel", "duplicate_event"] == sum(keys.values()) - len(keys)
    assert f["mixpanel", "late_arrival"] == sum(first_file[k] > k[3] for k in keys)


# ------------------------------------------------------------------------ email invariants
def _delivered_at(sendgrid: dict, generic: list) -> dict[tuple[str, str], float]:
    out = {}
    for e, _ in sendgrid["events"]:
        if e["event"] == "delivered" and "timestamp" in e:
            out[e["contact_id"], e["campaign_id"]] = float(e["timestamp"])
    for r, _ in generic:
        if r["event_type"] == "delivered":
            out[r["contact_id"], r["campaign_id"]] = _parse_iso(r["occurred_at"]).timestamp()
    return out


def _unwrap(url: str) -> str:
    parts = urlsplit(url)
    if parts.netloc.endswith("safelinks.protection.outlook.com"):
        return parse_qs(parts.query)["url"][0]
    if parts.netloc == "urldefense.com":
        return url.split("__")[1]
    return url


def _click_urls(sendgrid: dict, generic: list) -> dict[str, str]:
    urls = {e["sg_event_id"]: e["url"] for e, _ in sendgrid["events"] if e["event"] == "click"}
    urls |= {
        r["event_id"]: unquote(_unwrap(r["url"])) for r, _ in generic if r["event_type"] == "click"
    }
    return urls


def test_scanner_clicks_follow_their_timing(world: Path, sendgrid: dict, generic: list) -> None:
    delivered = _delivered_at(sendgrid, generic)
    urls = _click_urls(sendgrid, generic)
    bursts: dict[tuple[str, str, str], list[float]] = defaultdict(list)
    for c in _truth(world, "email_clicks.csv"):
        t = _parse_iso(c["clicked_at"]).timestamp()
        if c["is_honeypot"] == "true":
            assert c["is_bot"] == "true"
            assert urls[c["event_key"]].endswith("/l/hp-" + c["campaign_id"])
        if c["is_bot"] != "true":
            continue
        delay = t - delivered[c["esp_contact_id"], c["campaign_id"]]
        kind = c["bot_kind"]
        if kind == "barracuda":
            assert 2 <= delay <= 10
            assert "utm_content=link1&" in urls[c["event_key"]]  # only the first link
        elif kind == "cisco_sandbox":
            assert 120 <= delay <= 600
        else:
            assert 1 <= delay <= 20
        bursts[c["esp_contact_id"], c["campaign_id"], kind].append(t)
    for (_, _, kind), times in bursts.items():
        spread = max(times) - min(times)
        assert spread <= (30 if kind == "cisco_sandbox" else 4)
        if kind != "barracuda":
            assert len(times) >= 4  # every link plus the honeypot


def test_every_human_click_lands_on_the_site_within_5s(
    world: Path, sendgrid: dict, generic: list, ga4: duckdb.DuckDBPyConnection
) -> None:
    urls = _click_urls(sendgrid, generic)
    rows = ga4.sql(
        "select url, ts from ga4_flat where event_name = 'page_view' and url like '%ct_rid=%'"
        " and ts is not null and user_pseudo_id is not null"
    ).fetchall()
    landings: dict[str, list[float]] = defaultdict(list)
    for url, ts in rows:
        landings[url].append(ts / 1e6)
    humans = [c for c in _truth(world, "email_clicks.csv") if c["is_bot"] == "false"]
    assert humans
    tokens = set()
    for c in humans:
        url = urls[c["event_key"]]
        t = _parse_iso(c["clicked_at"]).timestamp()
        assert any(0 < ts - t <= 5 for ts in landings[url]), (c, url)
        tokens.add(parse_qs(urlsplit(url).query)["ct_rid"][0])
    # scanners never land: every landing URL belongs to a human click
    human_urls = {urls[c["event_key"]] for c in humans}
    assert set(landings) <= human_urls
    assert len(tokens) > 10


# ------------------------------------------------------------------------ web invariants
def _us(text: str) -> int:
    return (_parse_iso(text) - dt.datetime(1970, 1, 1, tzinfo=dt.UTC)) // dt.timedelta(
        microseconds=1
    )


def _split_sessions(times_by_id: dict[str, list[int]]) -> set[tuple[str, int, int, int]]:
    """Sessions by a 30-minute inactivity rule over µs timestamps."""
    out = set()
    for anon, times in times_by_id.items():
        times.sort()
        start = prev = times[0]
        n = 0
        for t in times:
            if t - prev > SESSION_GAP_S * 1_000_000:
                out.add((anon, start, prev, n))
                start, n = t, 0
            prev = t
            n += 1
        out.add((anon, start, prev, n))
    return out


def test_sessions_truth_is_recovered_by_a_30_minute_rule(
    world: Path, mixpanel: dict, ga4: duckdb.DuckDBPyConnection
) -> None:
    truth = _truth(world, "sessions.csv")
    expected = {
        (
            s["source_system"],
            s["anonymous_id"],
            _us(s["session_start"]),
            _us(s["session_end"]),
            int(s["n_events"]),
        )
        for s in truth
    }
    # GA4: valid rows (timestamp, cookie, parseable URL), exact duplicates removed
    rows = ga4.sql(
        f"""select distinct user_pseudo_id, event_timestamp, event_name, to_json(event_params)
        from ga4 where event_timestamp is not null and user_pseudo_id is not null
        and list_filter(event_params, lambda p: p.key = 'page_location')[1].value.string_value
            <> '{BAD_URL}'"""
    ).fetchall()
    by_id: dict[str, list[int]] = defaultdict(list)
    for anon, ts, _, _ in rows:
        by_id[anon].append(ts)
    got = {("ga4", *s) for s in _split_sessions(by_id)}
    # Mixpanel: deduplicated on the compaction key, times in seconds
    seen, mp_by_id = set(), defaultdict(list)
    for e, _ in mixpanel["events"]:
        p = e["properties"]
        key = (e["event"], p["distinct_id"], p["$insert_id"])
        if key not in seen:
            seen.add(key)
            t = p["time"] * (1000 if p["time"] > 10**11 else 1_000_000)
            mp_by_id[p["$device_id"]].append(t)
    got |= {("mixpanel", *s) for s in _split_sessions(mp_by_id)}
    assert got == expected
    # and the generator's spacing promise: < 25 min inside, > 35 min between
    for anon, times in list(by_id.items()) + list(mp_by_id.items()):
        gaps = [(b - a) / 1e6 for a, b in itertools.pairwise(times)]
        assert all(g < 25 * 60 or g > 35 * 60 for g in gaps), anon


def test_email_sessions_and_identity_truth(world: Path, ga4: duckdb.DuckDBPyConnection) -> None:
    sessions = [s for s in _truth(world, "sessions.csv") if s["source_system"] == "ga4"]
    email = [s for s in sessions if s["email_campaign_id"]]
    assert email and all(s["channel"] == "Email" for s in email)
    assert all(s["contact_id"] for s in email)
    visitors = {
        v["anonymous_id"]: v
        for v in _truth(world, "web_visitors.csv")
        if v["source_system"] == "ga4"
    }
    contacts = {c["contact_id"]: c for c in _truth(world, "contacts.csv")}
    evidence = set()
    for anon, url, sha, uid in ga4.sql(
        "select user_pseudo_id, url, sha, user_id from ga4_flat where user_pseudo_id is not null"
    ).fetchall():
        v = visitors[anon]
        if sha:
            assert contacts[v["contact_id"]]["email_sha256"] == sha
            evidence.add(anon)
        if uid:
            assert contacts[v["contact_id"]]["user_id"] == uid
            evidence.add(anon)
        if url and "ct_rid=" in url:
            evidence.add(anon)
    flagged = {a for a, v in visitors.items() if v["is_identifiable"] == "true"}
    assert flagged == evidence
    assert any(v["contact_id"] and v["is_identifiable"] == "false" for v in visitors.values())
    # the first demo request of each contact is in the truth
    demo = defaultdict(list)
    for anon, ts in ga4.sql(
        "select user_pseudo_id, ts from ga4_flat where event_name = 'form_submit'"
        " and form_type = 'demo_request' and ts is not null and user_pseudo_id is not null"
    ).fetchall():
        demo[visitors[anon]["contact_id"]].append(ts / 1e6)
    for cid, c in contacts.items():
        if cid in demo:
            assert _parse_iso(c["demo_requested_at"]).timestamp() == int(min(demo[cid]))
        else:
            assert c["demo_requested_at"] == ""


@pytest.mark.parametrize("seed", [1, 12, 13])
def test_small_worlds_cover_everything_for_any_seed(tmp_path: Path, seed: int) -> None:
    out = tmp_path / "w"
    generate(GeneratorConfig(contacts=150, days=21, seed=seed, out=out, quiet=True))
    sg_types, bounce_types, generic_types, urls = set(), set(), set(), []
    for path in (out / "raw/esp/sendgrid").glob("*.json"):
        for line in path.read_text().splitlines():
            try:
                obj = json.loads(line)
            except json.JSONDecodeError:
                continue
            for e in obj if isinstance(obj, list) else [obj]:
                sg_types.add(e["event"])
                bounce_types.add(e.get("type"))
    for path in (out / "raw/esp/events").glob("*.csv"):
        with open(path, encoding="utf-8-sig", newline="") as fh:
            for r in csv.DictReader(fh):
                generic_types.add(r["event_type"])
                urls.append(r["url"])
    assert sg_types >= SENDGRID_TYPES and {"bounce", "blocked"} <= bounce_types
    assert generic_types == GENERIC_TYPES
    assert any("safelinks" in u for u in urls) and any("urldefense" in u for u in urls)
    con = duckdb.connect()
    names = {
        n
        for (n,) in con.sql(
            f"select distinct event_name from read_parquet('{out}/raw/web/ga4/*.parquet')"
        ).fetchall()
    }
    assert names >= GA4_EVENTS
    clicks = _truth(out, "email_clicks.csv")
    assert len({c["bot_kind"] for c in clicks}) == 6  # five scanners and humans
    faults = _faults(out)
    assert len(faults) == 15 and min(faults.values()) >= 1
