"""Write ESP events: SendGrid webhook NDJSON and the generic ESP CSV, with injected faults."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from clicktrail.generator import catalog as cat
from clicktrail.generator.campaigns import Campaigns
from clicktrail.generator.config import US_PER_DAY, US_PER_S, GeneratorConfig
from clicktrail.generator.email_events import (
    BOUNCE,
    CLICK,
    DEFERRED,
    DELIVERED,
    DROPPED,
    GROUP_RESUB,
    GROUP_UNSUB,
    KIND_NAMES,
    OPEN,
    PROCESSED,
    UA_TABLE,
    EspEvents,
)
from clicktrail.generator.rng import mix64, salt, stage_rng
from clicktrail.generator.text import (
    STR,
    LineBuilder,
    b64_ids,
    concat,
    csv_lines,
    day_name,
    dec,
    hex_ids,
    ipv4,
    iso_seconds,
    lit,
    percent_encode,
    strings,
    take,
    write_daily,
)
from clicktrail.generator.web_sessions import recipient_tokens
from clicktrail.generator.world import World

TRUE, DUPLICATE, TRUNCATED, UNKNOWN_TYPE, NO_TIMESTAMP, BAD_TIME, LATE = range(7)
SENDGRID_FAULTS = {
    DUPLICATE: ("duplicate_delivery", 0.004),
    TRUNCATED: ("malformed_json", 0.001),
    UNKNOWN_TYPE: ("unknown_event_type", 0.0005),
    NO_TIMESTAMP: ("missing_timestamp", 0.0005),
    LATE: ("late_arrival", 0.003),
}
GENERIC_FAULTS = {
    DUPLICATE: ("duplicate_row", 0.003),
    BAD_TIME: ("bad_occurred_at", 0.001),
    LATE: ("late_arrival", 0.003),
}
DROP_REASONS = ("Bounced Address", "Unsubscribed Address", "Invalid SMTPAPI header")
UNKNOWN_EVENTS = ("account_status_change", "amp_open")
BAD_TIMES = ("", "not a timestamp", "2026-13-45T25:61:00Z", "yesterday 3pm")
GENERIC_TYPES = (
    "send",
    "deferred",
    "delivered",
    "dropped",
    "bounce",
    "open",
    "click",
    "unsubscribe",
    "unsubscribe",
    "unsubscribe",
    "spam_complaint",
)


@dataclass
class _Rows:
    """Rows to write: the true event each copies, the fault variant, file day and arrival."""

    src: np.ndarray
    variant: np.ndarray
    file_day: np.ndarray
    arrival: np.ndarray
    counts: dict[str, int]


def event_keys(cfg: GeneratorConfig, esp: EspEvents, camps: Campaigns) -> pa.Array:
    """The ESP's own event key of every true event (sg_event_id or the generic event_id)."""
    seq = np.arange(esp.n, dtype=np.uint64)
    sg = b64_ids(mix64(seq, salt(cfg.seed, "sg_event_a")), mix64(seq, salt(cfg.seed, "sg_event_b")))
    gen = hex_ids(mix64(seq, salt(cfg.seed, "generic_event")), 16, prefix="evt_")
    return pc.if_else(pa.array(camps.esp[esp.campaign] == 1), gen, sg)


def click_urls(
    cfg: GeneratorConfig, esp: EspEvents, camps: Campaigns, rows: np.ndarray
) -> pa.Array:
    """Destination URL of click rows: the link with the recipient token; the bare honeypot."""
    gl = esp.glink[rows]
    base = take(strings(camps.link_url), gl)
    tok = recipient_tokens(cfg.seed, esp.contact[rows], esp.campaign[rows])
    tagged = concat(base, lit("&ct_rid="), tok)
    return pc.if_else(pa.array(camps.link_is_honeypot[gl]), base, tagged)


def _plan_rows(
    rng: np.random.Generator,
    esp: EspEvents,
    sel: np.ndarray,
    faults: dict[int, tuple[str, float]],
    last_day: int,
) -> _Rows:
    """Choose fault rows among the true events ``sel``; disjoint sources per fault."""
    n = sel.size
    day = esp.t_us[sel] // US_PER_DAY
    pool = rng.permutation(n)
    used = 0
    src, var = [np.arange(n)], [np.zeros(n, np.int8)]
    counts: dict[str, int] = {}
    for v, (name, rate) in faults.items():
        k = max(1, round(rate * n))
        cand = pool[used:]
        if v == LATE:
            cand = cand[day[cand] <= last_day - 2]
        pick = np.sort(cand[:k])
        used += pick.size
        counts[name] = int(pick.size)
        if v == LATE:
            var[0][pick] = LATE
        else:
            src.append(pick)
            var.append(np.full(pick.size, v, np.int8))
    s, v = np.concatenate(src), np.concatenate(var)
    file_day = day[s].copy()
    arrival = esp.t_us[sel][s] + rng.integers(0, 2 * US_PER_S, s.size)
    late = v == LATE
    file_day[late] += rng.integers(1, 3, int(late.sum()))
    dup = v == DUPLICATE
    dup_late = dup & (rng.random(s.size) < 0.4) & (day[s] < last_day)
    file_day[dup_late] += rng.integers(1, 2, int(dup_late.sum()))
    moved = late | dup_late
    arrival[moved] = file_day[moved] * US_PER_DAY + rng.integers(0, US_PER_DAY, int(moved.sum()))
    same = dup & ~dup_late
    arrival[same] += rng.integers(1, 900, int(same.sum())) * US_PER_S
    arrival[v == TRUNCATED] += 1
    return _Rows(sel[s], v, file_day, arrival, counts)


def write_sendgrid(
    cfg: GeneratorConfig, world: World, camps: Campaigns, esp: EspEvents, keys: pa.Array, out: Path
) -> dict[str, int]:
    rng = stage_rng(cfg.seed, "sendgrid_faults")
    sel = np.flatnonzero(camps.esp[esp.campaign] == 0)
    last_day = (cfg.end_us - 1) // US_PER_DAY
    rows = _plan_rows(rng, esp, sel, dict(SENDGRID_FAULTS), last_day)
    # order rows as they arrive, then pack ~10% of lines as whole POST bodies (JSON arrays)
    order = np.lexsort((np.arange(rows.src.size), rows.arrival, rows.file_day))
    src, var, fday = rows.src[order], rows.variant[order], rows.file_day[order]
    fresh = np.isin(var, [UNKNOWN_TYPE, NO_TIMESTAMP])
    seq = (esp.n + np.arange(src.size)).astype(np.uint64)
    extra = b64_ids(
        mix64(seq, salt(cfg.seed, "sg_event_a")), mix64(seq, salt(cfg.seed, "sg_event_b"))
    )
    ev_keys = pc.if_else(pa.array(fresh), extra, take(keys, src))
    lines = _sendgrid_lines(cfg, world, camps, esp, src, var, ev_keys)
    trunc = np.flatnonzero(var == TRUNCATED)
    texts = lines.take(pa.array(trunc)).to_pylist()
    cuts = rng.uniform(0.3, 0.9, trunc.size)
    cut = [t[: max(12, int(len(t) * f))] for t, f in zip(texts, cuts, strict=True)]
    index = np.arange(src.size)
    index[trunc] = src.size + np.arange(trunc.size)
    lines = pa.concat_arrays([pc.cast(lines, STR), strings(cut)])

    batchable = ~np.isin(var, [DUPLICATE, TRUNCATED])
    starts = batchable & (rng.random(src.size) < 0.08)
    if not starts.any():
        starts[np.flatnonzero(batchable)[:1]] = True
    size = rng.integers(2, 9, src.size)
    end = np.where(starts, np.arange(src.size) + size - 1, -1)
    reach = np.maximum.accumulate(end)
    cont = np.zeros(src.size, dtype=bool)
    cont[1:] = (np.arange(1, src.size) <= reach[:-1]) & batchable[1:] & batchable[:-1]
    cont[1:] &= fday[1:] == fday[:-1]
    line_id = np.cumsum(~cont) - 1
    n_lines = int(line_id[-1]) + 1 if src.size else 0
    sizes = np.bincount(line_id, minlength=n_lines)
    is_last = np.ones(src.size, dtype=bool)
    is_last[:-1] = ~cont[1:]
    multi = sizes[line_id] > 1
    # the file text: each event with its separators ("[", ",", "]", newline) attached
    lb = LineBuilder(src.size)
    lb.lit("[", ~cont & multi).col(lines, index=index).lit(",", ~is_last).lit("]", is_last & multi)
    packed = lb.lit("\n", is_last).build()
    written = write_daily(
        out,
        lambda d: day_name(d, "%Y-%m-%d.json"),
        packed,
        fday,
        np.arange(src.size),
        newline=False,
    )
    counts = dict(rows.counts)
    counts["_rows"] = int(src.size)
    counts["_lines"] = n_lines
    counts["_batched_lines"] = int((sizes > 1).sum())
    counts["_files"] = len(written)
    return counts


def _ip_text(esp: EspEvents, rows: np.ndarray, valid: np.ndarray) -> pa.Array:
    """``a.b.c.d`` or ``client, proxy`` for the rows where ``valid``; null elsewhere."""
    sub = rows[valid]
    ip = ipv4(esp.ip[sub])
    both = concat(ip, lit(", "), ipv4(esp.ip2[sub]))
    text = pc.if_else(pa.array(esp.ip2[sub] > 0), both, ip)
    return take(text, np.cumsum(valid) - 1, valid)


def _sendgrid_lines(
    cfg: GeneratorConfig,
    world: World,
    camps: Campaigns,
    esp: EspEvents,
    rows: np.ndarray,
    variant: np.ndarray,
    keys: pa.Array,
) -> pa.Array:
    ct = world.contacts
    n = rows.size
    kind = esp.kind[rows]
    c = esp.campaign[rows]
    contact = esp.contact[rows]
    rkey = contact.astype(np.uint64) * np.uint64(1 << 20) + c.astype(np.uint64)
    token = b64_ids(mix64(rkey, salt(cfg.seed, "smtp_a")), mix64(rkey, salt(cfg.seed, "smtp_b")))
    host = dec(mix64(rkey, 3) % np.uint64(90) + np.uint64(10))
    filt = hex_ids(mix64(rkey, salt(cfg.seed, "filter")), 8)
    ev_name = take(strings(list(KIND_NAMES)), kind)
    unknown = variant == UNKNOWN_TYPE
    ev_name = pc.if_else(pa.array(unknown), take(strings(list(UNKNOWN_EVENTS)), rows % 2), ev_name)
    category = np.array(
        [f'"{t}"' if i % 2 else f'["{t}","marketing"]' for i, t in enumerate(camps.theme)]
    )
    link_no = esp.glink[rows] - camps.link_offset[c]
    is_open, is_click = kind == OPEN, kind == CLICK
    group = np.isin(kind, [GROUP_UNSUB, GROUP_RESUB])
    ua_ip = is_open | is_click | group
    hard = esp.hard[rows] == 1
    url = click_urls(cfg, esp, camps, rows)
    singlesend = hex_ids(mix64(c.astype(np.uint64), salt(cfg.seed, "singlesend")), 16)
    mcid = dec(10_000_000 + c * 7919)

    # recipient-level properties are rendered once per (contact, campaign) and gathered
    rec, rec_of = np.unique(rkey, return_inverse=True)
    first = np.zeros(rec.size, dtype=np.int64)
    first[rec_of] = np.arange(n)
    rc, rcon = c[first], contact[first]
    rb = LineBuilder(rec.size)
    rb.json_str("email", take(ct.email, rcon))
    rb.lit(',"smtp-id":"<').col(take(token, first)).lit("@ismtpd00").col(take(host, first))
    rb.lit('p1mdw1.sendgrid.net>","sg_message_id":"').col(take(token, first))
    rb.lit(".filterdrecv-p3mdw1-").col(take(filt, first)).lit('-1-0","category":')
    rb.col(take(strings(list(category)), rc))
    rb.json_raw("marketing_campaign_id", take(mcid, first))
    rb.json_str("marketing_campaign_name", take(strings(camps.name), rc))
    rb.json_str("singlesend_id", take(singlesend, first))
    rb.json_str("contact_id", take(ct.esp_id, rcon))
    rb.json_str("campaign_id", take(strings(camps.campaign_id), rc))
    recipient = rb.lit("}").build()

    lb = LineBuilder(n)
    lb.json_str("event", ev_name, first=True)
    lb.json_str("sg_event_id", keys)
    lb.json_raw("timestamp", dec(esp.t_us[rows] // US_PER_S), variant != NO_TIMESTAMP)
    lb.lit(',"pool":{"name":"marketing","id":210}', kind == PROCESSED)
    dropped = kind == DROPPED
    lb.col(
        take(
            strings([f',"reason":"{r}","status":"5.0.0"' for r in DROP_REASONS]), rows % 3, dropped
        )
    )
    delivered = kind == DELIVERED
    lb.lit(',"response":"250 2.0.0 OK","tls":1,"ip":"149.72.', delivered)
    lb.col(dec(rows % 200 + 20), delivered).lit(".", delivered)
    lb.col(dec(rows % 250 + 2), delivered).lit('"', delivered)
    deferred = kind == DEFERRED
    lb.lit(
        ',"response":"451 4.7.650 The mail server has been temporarily rate limited.",'
        '"attempt":"1"',
        deferred,
    )
    bounce = kind == BOUNCE
    lb.lit(
        ',"type":"bounce","reason":"550 5.1.1 The email account that you tried to reach does '
        'not exist.","status":"5.1.1","bounce_classification":"Invalid Address"',
        bounce & hard,
    )
    lb.lit(
        ',"type":"blocked","reason":"550 5.7.1 Service unavailable; client host blocked",'
        '"status":"5.7.1","bounce_classification":"Reputation"',
        bounce & ~hard,
    )
    lb.json_str("url", url, is_click)
    lb.col(
        take(
            strings([f',"url_offset":{{"index":{j},"type":"html"}}' for j in range(8)]),
            link_no,
            is_click,
        )
    )
    lb.lit(',"asm_group_id":12345', group)
    ua = strings([f',"useragent":"{u}"' for u in UA_TABLE])
    lb.col(take(ua, esp.ua[rows], ua_ip))
    lb.json_str("ip", _ip_text(esp, rows, ua_ip), ua_ip)
    lb.lit(',"url":"https://www.example-saas.com/email-preferences"', group)
    lb.lit(',"sg_machine_open":true', is_open & (esp.machine[rows] == 1))
    lb.lit(',"sg_machine_open":false', is_open & (esp.machine[rows] == 0))
    lb.col(take(recipient, rec_of))
    return concat(lit("{"), lb.build())


def write_generic(
    cfg: GeneratorConfig, world: World, camps: Campaigns, esp: EspEvents, keys: pa.Array, out: Path
) -> dict[str, int]:
    rng = stage_rng(cfg.seed, "generic_faults")
    ct, comp = world.contacts, world.companies
    sel = np.flatnonzero(camps.esp[esp.campaign] == 1)
    last_day = (cfg.end_us - 1) // US_PER_DAY
    rows = _plan_rows(rng, esp, sel, dict(GENERIC_FAULTS), last_day)
    src, var = rows.src, rows.variant
    n = src.size
    kind = esp.kind[src]
    contact = esp.contact[src]
    c = esp.campaign[src]
    t = esp.t_us[src]
    # occurred_at: local +01:00 offsets, UTC with Z, and some without a zone (taken as UTC)
    style = (mix64(src.astype(np.uint64), salt(cfg.seed, "tzstyle")) % np.uint64(20)).astype(
        np.int64
    )
    occurred = pc.if_else(
        pa.array(style < 10),
        iso_seconds(t, "+01:00", offset_s=3600),
        pc.if_else(pa.array(style < 17), iso_seconds(t, "Z"), iso_seconds(t, "")),
    )
    bad = var == BAD_TIME
    occurred = pc.if_else(pa.array(bad), take(strings(list(BAD_TIMES)), np.arange(n) % 4), occurred)
    fresh_keys = hex_ids(
        mix64(np.arange(n, dtype=np.uint64), salt(cfg.seed, "generic_bad")), 16, "evt_x"
    )
    event_id = pc.if_else(pa.array(bad), fresh_keys, take(keys, src))
    is_click = kind == CLICK
    url = click_urls(cfg, esp, camps, src)
    scanner = comp.scanner[ct.company[contact]]
    names = [s.name for s in cat.SCANNERS]
    safelinks = is_click & (scanner == names.index("microsoft_safelinks"))
    proofpoint = is_click & (scanner == names.index("proofpoint"))
    region = take(strings(["nam02", "nam10", "eur01", "eur03"]), (contact % 4).astype(np.int64))
    data = hex_ids(mix64(src.astype(np.uint64), salt(cfg.seed, "safelinks")), 16)
    wrapped_ms = concat(
        lit("https://"),
        region,
        lit(".safelinks.protection.outlook.com/?url="),
        percent_encode(url),
        lit("&data=05%7C02%7C"),
        data,
        lit("%7C0%7C0%7C638700000000000000%7CUnknown&reserved=0"),
    )
    wrapped_pp = concat(lit("https://urldefense.com/v3/__"), url, lit("__;!!"), data, lit("$"))
    url = pc.if_else(
        pa.array(safelinks), wrapped_ms, pc.if_else(pa.array(proofpoint), wrapped_pp, url)
    )
    is_open = kind == OPEN
    ua_ip = is_open | is_click
    message = hex_ids(
        mix64(
            contact.astype(np.uint64) * np.uint64(1 << 20) + c.astype(np.uint64),
            salt(cfg.seed, "msg"),
        ),
        16,
    )
    columns = {
        "event_id": event_id,
        "event_type": take(strings(list(GENERIC_TYPES)), kind),
        "occurred_at": occurred,
        "contact_id": take(ct.esp_id, contact),
        "email": take(ct.email, contact),
        "campaign_id": take(strings(camps.campaign_id), c),
        "message_id": concat(lit("<"), message, lit("@mail.example-esp.net>")),
        "url": take(url, np.arange(n), is_click),
        "user_agent": take(strings(UA_TABLE), esp.ua[src], ua_ip),
        "ip": _ip_text(esp, src, ua_ip),
        "bounce_type": take(strings(["soft", "hard"]), esp.hard[src], kind == BOUNCE),
        "is_machine_open": take(strings(["false", "true"]), esp.machine[src], is_open),
    }
    header, lines = csv_lines(columns, quote=("url", "user_agent", "ip"))
    written = write_daily(
        out,
        lambda d: day_name(d, "%Y-%m-%d.csv"),
        lines,
        rows.file_day,
        rows.arrival,
        header=header,
        bom=True,
        newline=False,
    )
    counts = dict(rows.counts)
    counts["_rows"] = int(n)
    counts["_files"] = len(written)
    return counts
