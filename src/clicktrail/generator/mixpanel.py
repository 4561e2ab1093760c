"""Mixpanel: the product app (app.example-saas.com), its logins and feature usage."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from clicktrail.generator import catalog as cat
from clicktrail.generator.config import US_PER_DAY, US_PER_S, GeneratorConfig
from clicktrail.generator.rng import mix64, salt, stage_rng, weekday_weighted_times
from clicktrail.generator.text import (
    LineBuilder,
    concat,
    daily_order,
    day_bounds,
    day_name,
    dec,
    hex_ids,
    lit,
    strings,
    take,
    write_text,
)
from clicktrail.generator.timeline import rank_in_group, schedule
from clicktrail.generator.web_sessions import SESSION_GAP_US
from clicktrail.generator.world import World

EVENT_NAMES = ("$mp_web_page_view", "$identify", "Sign In", *cat.FEATURE_EVENTS)
PAGE_VIEW, IDENTIFY, SIGN_IN = 0, 1, 2
TRUE, DUPLICATE, TRUNCATED, LATE = 0, 1, 2, 3
FAULT_NAMES = {DUPLICATE: "duplicate_event", TRUNCATED: "malformed_json", LATE: "late_arrival"}
FAULT_RATES = {DUPLICATE: 0.003, TRUNCATED: 0.001, LATE: 0.002}
SCREENS = ((1920, 1080), (1440, 900), (2560, 1440), (390, 844), (412, 915), (820, 1180))


@dataclass
class MixpanelEvents:
    """True product events, sorted by (recorded time, device, position)."""

    device: np.ndarray  # index into devices
    session: np.ndarray
    ts_us: np.ndarray  # as recorded: whole seconds or whole milliseconds
    name: np.ndarray
    page: np.ndarray  # index into APP_PAGES / APP_ANON_PAGES (by logged_in)
    logged_in: np.ndarray  # the event carries $user_id and distinct_id = $user_id
    first_in_session: np.ndarray
    dev_contact: np.ndarray  # per device: contact index or -1
    dev_browser: np.ndarray
    dev_country: np.ndarray
    dev_city: np.ndarray
    device_id: pa.Array  # per device
    s_device: np.ndarray  # per session
    ms_day: np.ndarray  # per event: True when written in milliseconds

    @property
    def n(self) -> int:
        return int(self.ts_us.size)


def build_mixpanel(cfg: GeneratorConfig, world: World) -> MixpanelEvents:
    rng = stage_rng(cfg.seed, "mixpanel")
    ct = world.contacts
    start, end = cfg.start_us, cfg.end_us
    users = np.flatnonzero(ct.has_user)
    two = users[ct.n_devices[users] == 2]
    d_contact = np.concatenate([users, two])
    d_dev = np.concatenate([np.zeros(users.size, np.int64), np.ones(two.size, np.int64)])
    n_anon = max(3, round(0.4 * users.size))
    w = np.array([c[1] for c in cat.COUNTRIES])
    a_country = rng.choice(len(w), n_anon, p=w / w.sum())
    dev_contact = np.concatenate([d_contact, np.full(n_anon, -1)])
    dev_browser = np.concatenate(
        [
            ct.browser[d_contact, d_dev],
            rng.choice(cat.DESKTOP_BROWSERS, n_anon, p=cat.DESKTOP_WEIGHTS),
        ]
    )
    dev_country = np.concatenate([ct.country[d_contact], a_country])
    n_cities = np.array([len(c[6]) for c in cat.COUNTRIES])
    dev_city = rng.integers(0, 1 << 30, dev_contact.size) % n_cities[dev_country]
    n_dev = dev_contact.size
    key = np.arange(n_dev, dtype=np.uint64)
    h1, h2 = (
        hex_ids(mix64(key, salt(cfg.seed, "mp_dev1")), 16),
        hex_ids(mix64(key, salt(cfg.seed, "mp_dev2")), 16),
    )
    device_id = concat(
        pc.utf8_slice_codeunits(h1, 0, 8),
        lit("-"),
        pc.utf8_slice_codeunits(h1, 8, 12),
        lit("-4"),
        pc.utf8_slice_codeunits(h1, 13, 16),
        lit("-a"),
        pc.utf8_slice_codeunits(h2, 0, 3),
        lit("-"),
        pc.utf8_slice_codeunits(h2, 3, 15),
    )

    # sessions: product users several times a week after they got access; anonymous 1-2
    weeks = cfg.days / 7
    since = np.maximum(ct.product_since_us[d_contact], start)
    active = np.clip((end - since) / (end - start), 0, 1)
    rate = rng.lognormal(np.log(1.2), 0.7, users.size)
    rate_u = np.concatenate([rate, rate[np.searchsorted(users, two)]])
    share = np.where(ct.n_devices[d_contact] == 2, np.where(d_dev == 0, 0.8, 0.2), 1.0)
    k_user = rng.poisson(rate_u * share * weeks * active)
    k = np.concatenate([k_user, rng.integers(1, 3, n_anon)])
    s_dev = np.repeat(np.arange(n_dev), k)
    t = weekday_weighted_times(
        rng, s_dev.size, start, end, ct.tz[np.maximum(dev_contact[s_dev], 0)]
    )
    lo = np.concatenate([since, np.full(n_anon, start)])[s_dev]
    t = lo + ((t - start) * ((end - lo) / (end - start))).astype(np.int64)
    user = dev_contact[s_dev] >= 0
    n_ev = np.where(
        user, 3 + np.minimum(rng.geometric(0.15, s_dev.size), 37), rng.integers(1, 4, s_dev.size)
    )
    ev_s = np.repeat(np.arange(s_dev.size), n_ev)
    gap = np.clip(rng.lognormal(np.log(25), 1.0, ev_s.size), 1, 900) * US_PER_S
    gap[np.concatenate([[0], np.cumsum(n_ev)[:-1]])] = 0  # first event at the session start
    duration = np.bincount(ev_s, weights=gap, minlength=s_dev.size).astype(np.int64) + US_PER_S
    t0, keep = schedule(
        s_dev, t, duration, np.zeros(s_dev.size, bool), SESSION_GAP_US, (start, end)
    )
    order = np.flatnonzero(keep)
    order = order[np.lexsort((t0[order], s_dev[order]))]
    new_id = np.full(s_dev.size, -1)
    new_id[order] = np.arange(order.size)
    sd = s_dev[order]
    first_of_device = rank_in_group(sd) == 0
    needs_login = (dev_contact[sd] >= 0) & (first_of_device | (rng.random(order.size) < 0.3))

    e_keep = np.flatnonzero(keep[ev_s])
    e_keep = e_keep[np.argsort(new_id[ev_s[e_keep]], kind="stable")]
    es = new_id[ev_s[e_keep]]
    g = gap[e_keep].astype(np.int64)
    excl = np.cumsum(g)
    pos = rank_in_group(es)
    ts = t0[order][es] + excl - excl[np.flatnonzero(pos == 0)][es] + rng.integers(0, 1000, es.size)
    user_ev = dev_contact[sd[es]] >= 0
    login = needs_login[es]
    name = np.where(
        rng.random(es.size) < 0.5, PAGE_VIEW, 3 + rng.integers(0, len(cat.FEATURE_EVENTS), es.size)
    )
    name = np.where(login & (pos == 1), IDENTIFY, np.where(login & (pos == 2), SIGN_IN, name))
    name = np.where((pos == 0) | ~user_ev, PAGE_VIEW, name)
    logged_in = user_ev & ~(login & (pos == 0))
    page = np.where(
        user_ev, rng.integers(1, len(cat.APP_PAGES), es.size), rng.integers(0, 3, es.size)
    )
    page = np.where(login & (pos == 0), 0, page)  # /login before signing in

    # recorded precision: whole seconds on even days of the window, milliseconds on odd days
    day = ts // US_PER_DAY
    ms_day = (day - start // US_PER_DAY) % 2 == 1
    rec = np.where(ms_day, ts // 1000 * 1000, ts // US_PER_S * US_PER_S)
    o = np.lexsort((pos, es, rec))
    return MixpanelEvents(
        device=sd[es][o],
        session=es[o],
        ts_us=rec[o],
        name=name[o],
        page=page[o],
        logged_in=logged_in[o],
        first_in_session=(pos == 0)[o],
        dev_contact=dev_contact,
        dev_browser=dev_browser,
        dev_country=dev_country,
        dev_city=dev_city,
        device_id=device_id,
        s_device=sd,
        ms_day=ms_day[o],
    )


def _device_fragments(mp: MixpanelEvents) -> tuple[pa.Array, pa.Array]:
    """Per device: the JSON properties that only depend on the device, and $anon_distinct_id."""
    b, country = mp.dev_browser, mp.dev_country
    bro = cat.BROWSERS
    scr = np.where(np.isin(b, cat.MOBILE_BROWSERS), 3 + b % 3, b % 3)
    city_base = np.cumsum([0] + [len(c[6]) for c in cat.COUNTRIES])[:-1]
    cflat = city_base[country] + mp.dev_city
    lb = LineBuilder(b.size)
    lb.json_str("$device_id", mp.device_id, first=True)
    lb.lit(',"mp_lib":"web","$lib_version":"2.56.0"')
    lb.json_str("$browser", take(strings([x.browser for x in bro]), b))
    lb.json_str("$browser_version", take(strings([x.browser_version for x in bro]), b))
    lb.json_str("$os", take(strings([x.os for x in bro]), b))
    lb.json_str("$city", take(strings([ci for c in cat.COUNTRIES for ci, _ in c[6]]), cflat))
    lb.json_str("$region", take(strings([r for c in cat.COUNTRIES for _, r in c[6]]), cflat))
    lb.json_str("mp_country_code", take(strings([c[0] for c in cat.COUNTRIES]), country))
    lb.json_raw("$screen_width", take(strings([str(s[0]) for s in SCREENS]), scr))
    lb.json_raw("$screen_height", take(strings([str(s[1]) for s in SCREENS]), scr))
    anon = concat(lit(',"$anon_distinct_id":"'), mp.device_id, lit('"'))
    return concat(lit(","), lb.build()), anon


def _lines(
    cfg: GeneratorConfig,
    world: World,
    mp: MixpanelEvents,
    rows: np.ndarray,
    fragments: tuple[pa.Array, pa.Array],
) -> pa.Array:
    """One JSON object per row (rows index true events).

    Device-level properties are rendered once per device (``fragments``, from
    ``_device_fragments``) and gathered per event.
    """
    ct = world.contacts
    dev = mp.device[rows]
    contact = mp.dev_contact[dev]
    logged = mp.logged_in[rows]
    name = mp.name[rows]
    ts = mp.ts_us[rows]
    time = np.where(mp.ms_day[rows], ts // 1000, ts // US_PER_S)
    uid = take(ct.user_id, np.maximum(contact, 0), logged)
    distinct = pc.coalesce(uid, take(mp.device_id, dev))
    uid_frag = concat(lit(',"$user_id":"'), ct.user_id, lit('"'))
    dev_frag, anon_frag = fragments
    insert_id = hex_ids(mix64(rows.astype(np.uint64), salt(cfg.seed, "insert_id")), 16)
    urls = [cat.APP + p for p in cat.APP_PAGES] + [cat.APP + p for p in cat.APP_ANON_PAGES]
    page = np.where(contact >= 0, mp.page[rows], len(cat.APP_PAGES) + mp.page[rows])
    first = mp.first_in_session[rows]
    from_site = (mix64(mp.session[rows].astype(np.uint64), 5) % np.uint64(3)) == 0
    refs = strings(
        [
            ',"$referrer":"$direct","$referring_domain":"$direct"',
            f',"$referrer":"{cat.SITE}/","$referring_domain":"www.example-saas.com"',
        ]
    )
    plan = np.where(mix64(np.maximum(contact, 0).astype(np.uint64), 9) % np.uint64(3) == 0, 1, 0)
    delay = (mix64(rows.astype(np.uint64), salt(cfg.seed, "mp_delay")) % np.uint64(4000)).astype(
        np.int64
    )
    prefix = strings([f'{{"event":"{e}","properties":{{"time":' for e in EVENT_NAMES])
    lb = LineBuilder(rows.size)
    lb.col(take(prefix, name)).col(dec(time))
    lb.lit(',"distinct_id":"').col(distinct).lit('","$insert_id":"').col(insert_id).lit('"')
    lb.col(take(dev_frag, dev))
    lb.col(take(uid_frag, np.maximum(contact, 0), logged))
    lb.col(take(anon_frag, dev, name == IDENTIFY))
    lb.col(take(strings([f',"$current_url":"{u}"' for u in urls]), page))
    lb.col(take(refs, from_site.astype(np.int64), first))
    plans = strings([',"plan":"growth"', ',"plan":"enterprise"'])
    lb.col(take(plans, plan, (name >= 3) & (contact >= 0)))
    lb.lit(',"mp_processing_time_ms":').col(dec(ts // 1000 + 900 + delay)).lit("}}\n")
    return lb.build()


def write_mixpanel(
    cfg: GeneratorConfig, world: World, mp: MixpanelEvents, out_dir: Path
) -> dict[str, int]:
    rng = stage_rng(cfg.seed, "mixpanel_faults")
    n = mp.n
    day = mp.ts_us // US_PER_DAY
    last_day = (cfg.end_us - 1) // US_PER_DAY
    src = [np.arange(n)]
    var = [np.zeros(n, np.int8)]
    pool = rng.permutation(n)
    used = 0
    counts = {}
    for v, rate in FAULT_RATES.items():
        k = max(1, round(rate * n))
        cand = pool[used:]
        if v == LATE:
            cand = cand[day[cand] <= last_day - 2]
        pick = np.sort(cand[:k])
        used += k if v != LATE else 0
        counts[FAULT_NAMES[v]] = int(pick.size)
        if v == LATE:
            var[0][pick] = LATE  # a true event, written to a later file
        else:
            src.append(pick)
            var.append(np.full(pick.size, v, np.int8))
    src_a, var_a = np.concatenate(src), np.concatenate(var)
    # truncated copies (malformed JSON): a few lines cut short
    trunc = np.flatnonzero(var_a == TRUNCATED)
    cut_at = np.full(src_a.size, np.nan)
    cut_at[trunc] = rng.uniform(0.3, 0.9, trunc.size)
    file_day = day[src_a].copy()
    arrival = mp.ts_us[src_a].copy()
    late = var_a == LATE
    file_day[late] += rng.integers(1, 3, int(late.sum()))
    dup_late = (var_a == DUPLICATE) & (rng.random(var_a.size) < 0.3) & (day[src_a] < last_day)
    file_day[dup_late] += 1
    moved = late | dup_late
    arrival[moved] = file_day[moved] * US_PER_DAY + rng.integers(0, US_PER_DAY, int(moved.sum()))
    same = (var_a == DUPLICATE) & ~dup_late
    arrival[same] += rng.integers(1, 600, int(same.sum())) * US_PER_S
    # One file at a time: only a day's lines are ever held in memory (a world's worth of
    # JSON lines and their builder columns was most of the generator's peak at 10M events).
    fragments = _device_fragments(mp)
    order = daily_order(file_day, arrival)
    written = {}
    for d, a, b in day_bounds(file_day[order]):
        pos = order[a:b]
        lines = _truncate(_lines(cfg, world, mp, src_a[pos], fragments), cut_at[pos])
        written[d] = write_text(out_dir / day_name(d, "%Y-%m-%d.jsonl"), lines, newline=False)
    counts["_rows"] = int(sum(written.values()))
    counts["_files"] = len(written)
    return counts


def _truncate(lines: pa.Array, cut_at: np.ndarray) -> pa.Array:
    """Cut the lines whose ``cut_at`` fraction is set short (at least 10 characters)."""
    cut = np.flatnonzero(~np.isnan(cut_at))
    if cut.size == 0:
        return lines
    texts = lines.take(pa.array(cut)).to_pylist()
    short = [t[: max(10, int(len(t) * f))] + "\n" for t, f in zip(texts, cut_at[cut], strict=True)]
    index = np.arange(len(lines))
    index[cut] = len(lines) + np.arange(cut.size)
    return pa.concat_arrays([lines, strings(short)]).take(pa.array(index))
