"""Ground truth: what really happened, for scoring the marts (models never read it)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa

from clicktrail.generator import catalog as cat
from clicktrail.generator.campaigns import ESPS, Campaigns
from clicktrail.generator.email_events import CLICK, EspEvents
from clicktrail.generator.ga4_events import PAGE_VIEW, Ga4Events
from clicktrail.generator.mixpanel import PAGE_VIEW as MP_PAGE_VIEW
from clicktrail.generator.mixpanel import MixpanelEvents
from clicktrail.generator.text import (
    csv_lines,
    dec,
    iso_micros,
    iso_seconds,
    strings,
    take,
    write_text,
)
from clicktrail.generator.web_sessions import CHANNEL_NAMES, V_CRAWLER, WebPlan
from clicktrail.generator.world import World

BOOL = strings(["false", "true"])


def _bool(mask: np.ndarray) -> pa.Array:
    return take(BOOL, mask.astype(np.int64))


def _opt_time(us: np.ndarray) -> pa.Array:
    return take(iso_seconds(np.maximum(us, 0)), np.arange(us.size), us >= 0)


def _write(path: Path, columns: dict[str, pa.Array]) -> int:
    """Write a CSV in the given (deterministic, generation) row order; no free text to quote."""
    header, lines = csv_lines(columns, quote=())
    return write_text(path, lines, header, newline=False)


def write_contacts(truth: Path, world: World, demo_us: np.ndarray, first_opp_us: np.ndarray) -> int:
    ct, comp = world.contacts, world.companies
    scanner = comp.scanner[ct.company]
    return _write(
        truth / "contacts.csv",
        {
            "contact_id": ct.crm_id,
            "esp_contact_id": ct.esp_id,
            "email_sha256": ct.email_sha256,
            "user_id": ct.user_id,
            "company": take(strings(comp.name), ct.company),
            "has_intent": _bool(ct.has_intent),
            "demo_requested_at": _opt_time(demo_us),
            "first_opportunity_at": _opt_time(first_opp_us),
            "company_domain": take(strings(comp.domain), ct.company),
            "email_scanner": take(strings([s.name for s in cat.SCANNERS]), scanner, scanner >= 0),
        },
    )


def write_email_clicks(
    truth: Path, world: World, camps: Campaigns, esp: EspEvents, keys: pa.Array
) -> int:
    rows = np.flatnonzero(esp.kind == CLICK)
    bot = esp.bot[rows]
    return _write(
        truth / "email_clicks.csv",
        {
            "source": take(strings(list(ESPS)), camps.esp[esp.campaign[rows]]),
            "event_key": take(keys, rows),
            "esp_contact_id": take(world.contacts.esp_id, esp.contact[rows]),
            "campaign_id": take(strings(camps.campaign_id), esp.campaign[rows]),
            "clicked_at": iso_seconds(esp.t_us[rows]),
            "is_bot": _bool(bot >= 0),
            "bot_kind": take(strings([s.name for s in cat.SCANNERS]), bot, bot >= 0),
            "is_honeypot": _bool(camps.link_is_honeypot[esp.glink[rows]]),
        },
    )


def _session_stats(
    session: np.ndarray, ts: np.ndarray, is_pv: np.ndarray, n: int
) -> dict[str, np.ndarray]:
    start = np.full(n, np.iinfo(np.int64).max)
    end = np.full(n, np.iinfo(np.int64).min)
    np.minimum.at(start, session, ts)
    np.maximum.at(end, session, ts)
    return {
        "start": start,
        "end": end,
        "n_events": np.bincount(session, minlength=n),
        "n_pv": np.bincount(session, weights=is_pv, minlength=n).astype(np.int64),
    }


def write_web(
    truth: Path,
    world: World,
    camps: Campaigns,
    plan: WebPlan,
    ga4: Ga4Events,
    identifiable: np.ndarray,
    mp: MixpanelEvents,
) -> dict[str, int]:
    ct = world.contacts
    vis = plan.visitors
    # GA4 sessions and visitors
    g = _session_stats(ga4.session, ga4.ts, ga4.name == PAGE_VIEW, plan.n_sessions)
    sv = plan.s_visitor
    g_contact = vis.contact[sv]
    g_bot = vis.kind[sv] == V_CRAWLER
    cmp_ids = strings(camps.campaign_id)
    # Mixpanel sessions and devices
    n_mp = int(mp.s_device.size)
    m = _session_stats(mp.session, mp.ts_us, mp.name == MP_PAGE_VIEW, n_mp)
    md = mp.s_device
    m_contact = mp.dev_contact[md]
    sessions = {
        "source_system": take(
            strings(["ga4", "mixpanel"]), np.repeat([0, 1], [plan.n_sessions, n_mp])
        ),
        "anonymous_id": pa.concat_arrays([take(vis.pseudo_id, sv), take(mp.device_id, md)]),
        "session_start": iso_micros(np.concatenate([g["start"], m["start"]])),
        "session_end": iso_micros(np.concatenate([g["end"], m["end"]])),
        "n_events": dec(np.concatenate([g["n_events"], m["n_events"]])),
        "n_page_views": dec(np.concatenate([g["n_pv"], m["n_pv"]])),
        "is_bot": _bool(np.concatenate([g_bot, np.zeros(n_mp, bool)])),
        "email_campaign_id": pa.concat_arrays(
            [take(cmp_ids, plan.s_campaign), pa.nulls(n_mp, cmp_ids.type)]
        ),
        "contact_id": take(ct.crm_id, np.concatenate([g_contact, m_contact])),
        "channel": pa.concat_arrays(
            [take(strings(list(CHANNEL_NAMES)), plan.s_channel), pa.nulls(n_mp, cmp_ids.type)]
        ),
    }
    n_sessions = _write(truth / "sessions.csv", sessions)

    seen = np.zeros(vis.n, dtype=bool)
    seen[sv] = True
    gv = np.flatnonzero(seen)
    dv = np.unique(md)
    mp_ident = np.zeros(mp.dev_contact.size, dtype=bool)
    mp_ident[mp.device[mp.logged_in]] = True
    kinds = strings(
        ["contact", "anonymous", "careers", "crawler", "product_user", "product_anonymous"]
    )
    visitors = {
        "source_system": take(strings(["ga4", "mixpanel"]), np.repeat([0, 1], [gv.size, dv.size])),
        "anonymous_id": pa.concat_arrays([take(vis.pseudo_id, gv), take(mp.device_id, dv)]),
        "contact_id": take(ct.crm_id, np.concatenate([vis.contact[gv], mp.dev_contact[dv]])),
        "is_identifiable": _bool(np.concatenate([identifiable[gv], mp_ident[dv]])),
        "is_bot": _bool(np.concatenate([vis.kind[gv] == V_CRAWLER, np.zeros(dv.size, bool)])),
        "visitor_kind": take(
            kinds, np.concatenate([vis.kind[gv], np.where(mp.dev_contact[dv] >= 0, 4, 5)])
        ),
    }
    n_visitors = _write(truth / "web_visitors.csv", visitors)
    return {"sessions": n_sessions, "web_visitors": n_visitors}


def write_faults(truth: Path, faults: dict[str, dict[str, int]]) -> int:
    kinds, types, counts = [], [], []
    for kind in sorted(faults):
        for ftype in sorted(faults[kind]):
            if not ftype.startswith("_"):
                kinds.append(kind)
                types.append(ftype)
                counts.append(faults[kind][ftype])
    header, lines = csv_lines(
        {"file_kind": strings(kinds), "fault_type": strings(types), "count": dec(np.array(counts))}
    )
    return write_text(truth / "faults.csv", lines, header, newline=False)
