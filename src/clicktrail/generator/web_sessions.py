"""Website visitors and their sessions (GA4 side): who visits, when, from where, which pages."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from clicktrail.generator import catalog as cat
from clicktrail.generator.campaigns import ESPS, Campaigns
from clicktrail.generator.config import US_PER_DAY, US_PER_MIN, US_PER_S, GeneratorConfig
from clicktrail.generator.email_events import CLICK, EspEvents
from clicktrail.generator.rng import mix64, salt, stage_rng, weekday_weighted_times
from clicktrail.generator.text import (
    StringTable,
    b64_ids,
    concat,
    digits,
    hex_ids,
    lit,
    strings,
    take,
)
from clicktrail.generator.timeline import rank_in_group, schedule
from clicktrail.generator.world import World

V_CONTACT, V_ANON, V_CAREERS, V_CRAWLER = 0, 1, 2, 3
S_ORGANIC, S_EMAIL, S_LEAD, S_DEMO, S_SALES, S_CAREERS, S_CRAWLER = range(7)
CH_DIRECT, CH_ORGANIC_SEARCH, CH_PAID_SEARCH, CH_PAID_SOCIAL, CH_ORGANIC_SOCIAL = range(5)
CH_REFERRAL, CH_EMAIL = 5, 6
CHANNEL_NAMES = (
    "Direct",
    "Organic Search",
    "Paid Search",
    "Paid Social",
    "Organic Social",
    "Referral",
    "Email",
)
PROFILES = ("normal", "intent", "careers", "crawler")
FORM_NONE, FORM_ABANDON = -1, -2  # else index into catalog.FORM_TYPES
SESSION_GAP_US = 36 * US_PER_MIN  # > 35 minutes between two sessions of one visitor
ANCHOR_GAP_US = 3 * 3600 * US_PER_S  # human email clicks of one person at least 3 h apart
MAX_DWELL_S = 12 * 60  # < 25 minutes between two events of one session

_CATEGORY_PAGES: dict[str, np.ndarray] = {}
for _i, _p in enumerate(cat.PAGES):
    _CATEGORY_PAGES.setdefault(_p.category, []).append(_i)  # type: ignore[arg-type]
CATEGORY_PAGES = {k: np.array(v) for k, v in _CATEGORY_PAGES.items()}
PAGE_CATEGORY = np.array([cat.PAGE_CATEGORIES.index(p.category) for p in cat.PAGES])


def recipient_tokens(seed: int, contact: np.ndarray, campaign: np.ndarray) -> pa.Array:
    """The opaque ``ct_rid`` token of (ESP contact, campaign): deterministic, unique."""
    key = contact.astype(np.uint64) * np.uint64(1 << 20) + campaign.astype(np.uint64)
    return hex_ids(mix64(key, salt(seed, "ct_rid")), 16)


@dataclass
class Visitors:
    kind: np.ndarray
    contact: np.ndarray  # -1 unless a known contact
    device: np.ndarray  # 0 desktop, 1 mobile (contacts); anonymous: by browser category
    browser: np.ndarray
    country: np.ndarray
    city: np.ndarray
    profile: np.ndarray
    pseudo_id: pa.Array | None = None  # set once sessions are scheduled
    first_touch_us: np.ndarray | None = None

    @property
    def n(self) -> int:
        return int(self.kind.size)


@dataclass
class WebPlan:
    """Scheduled sessions (sorted by visitor, start) and their page views (flattened)."""

    visitors: Visitors
    strings: StringTable
    # sessions
    s_visitor: np.ndarray
    s_kind: np.ndarray
    s_channel: np.ndarray
    s_start: np.ndarray
    s_number: np.ndarray  # ga_session_number
    s_campaign: np.ndarray  # email sessions: campaign index, else -1
    s_click: np.ndarray  # email sessions: ESP event index of the click, else -1
    s_user_id: np.ndarray  # contact index whose user_id GA4 knows in this session, else -1
    s_form: np.ndarray
    s_src: np.ndarray  # string indices (-1 none): traffic source/medium/campaign/term/content
    s_med: np.ndarray
    s_cmp: np.ndarray
    s_term: np.ndarray
    s_content: np.ndarray
    s_gclid: np.ndarray
    s_manual: np.ndarray  # True when the landing URL carried campaign parameters
    s_pv_offset: np.ndarray
    # page views
    pv_session: np.ndarray
    pv_page: np.ndarray
    pv_url: np.ndarray  # string index of page_location
    pv_ref: np.ndarray  # string index of page_referrer, -1 none
    pv_start: np.ndarray
    pv_dwell: np.ndarray
    pv_form: np.ndarray  # form on this page view (FORM_*), else FORM_NONE
    pv_search: np.ndarray  # search term index for search pages, else -1

    @property
    def n_sessions(self) -> int:
        return int(self.s_visitor.size)


def _visitors(
    cfg: GeneratorConfig, world: World, rng: np.random.Generator
) -> tuple[Visitors, np.ndarray]:
    ct = world.contacts
    n = ct.n
    # contacts: device 0 for everyone, device 1 for two-device contacts
    c_idx = np.concatenate([np.arange(n), np.flatnonzero(ct.n_devices == 2)])
    c_dev = np.concatenate(
        [np.zeros(n, np.int64), np.ones(int((ct.n_devices == 2).sum()), np.int64)]
    )
    visitor_of = np.full((n, 2), -1, dtype=np.int64)
    visitor_of[c_idx, c_dev] = np.arange(c_idx.size)
    c_prof = np.where(ct.careers[c_idx], 2, np.where(ct.has_intent[c_idx], 1, 0))
    n_anon = max(20, int(n * 4))
    n_car = max(4, int(n * 0.12))
    n_bot = max(4, cfg.days * 2)
    w = np.array([c[1] for c in cat.COUNTRIES])
    others = n_anon + n_car + n_bot
    o_country = rng.choice(len(w), others, p=w / w.sum())
    mobile = rng.random(others) < 0.3
    o_browser = np.where(
        mobile,
        rng.choice(cat.MOBILE_BROWSERS, others, p=cat.MOBILE_WEIGHTS),
        rng.choice(cat.DESKTOP_BROWSERS, others, p=cat.DESKTOP_WEIGHTS),
    )
    o_browser[n_anon + n_car :] = rng.choice(cat.CRAWLERS, n_bot)
    kind = np.concatenate(
        [
            np.full(c_idx.size, V_CONTACT),
            np.full(n_anon, V_ANON),
            np.full(n_car, V_CAREERS),
            np.full(n_bot, V_CRAWLER),
        ]
    )
    country = np.concatenate([ct.country[c_idx], o_country])
    n_cities = np.array([len(c[6]) for c in cat.COUNTRIES])
    city = rng.integers(0, 1 << 30, kind.size) % n_cities[country]
    vis = Visitors(
        kind=kind,
        contact=np.concatenate([c_idx, np.full(others, -1)]),
        device=np.concatenate([c_dev, mobile.astype(np.int64)]),
        browser=np.concatenate([ct.browser[c_idx, c_dev], o_browser]),
        country=country,
        city=city,
        profile=np.concatenate(
            [c_prof, np.zeros(n_anon, np.int64), np.full(n_car, 2), np.full(n_bot, 3)]
        ),
    )
    return vis, visitor_of


def _choose_pages(rng: np.random.Generator, categories: list[str], n: int) -> np.ndarray:
    """One page per row, from the given category per row."""
    out = np.empty(n, dtype=np.int64)
    cats = np.array(categories)
    for c in np.unique(cats):
        m = cats == c
        out[m] = rng.choice(CATEGORY_PAGES[str(c)], int(m.sum()))
    return out


def _profile_pages(rng: np.random.Generator, profile: np.ndarray) -> np.ndarray:
    out = np.empty(profile.size, dtype=np.int64)
    for p, name in enumerate(PROFILES):
        m = profile == p
        if not m.any():
            continue
        weights = cat.PROFILE_WEIGHTS[name]
        names = list(weights)
        w = np.array([weights[k] for k in names])
        chosen = rng.choice(len(names), int(m.sum()), p=w / w.sum())
        out[m] = _choose_pages(rng, [names[i] for i in chosen], int(m.sum()))
    return out


_LANDING: dict[int, tuple[tuple[str, float], ...]] = {
    CH_DIRECT: (("home", 0.5), ("pricing", 0.25), ("product", 0.15), ("docs", 0.1)),
    CH_ORGANIC_SEARCH: (("blog", 0.45), ("home", 0.2), ("product", 0.2), ("docs", 0.15)),
    CH_PAID_SEARCH: (("pricing", 0.4), ("product", 0.35), ("demo", 0.1), ("home", 0.15)),
    CH_PAID_SOCIAL: (("resources", 0.5), ("webinar", 0.25), ("product", 0.25)),
    CH_ORGANIC_SOCIAL: (("blog", 0.7), ("webinar", 0.3)),
    CH_REFERRAL: (("blog", 0.4), ("product", 0.4), ("home", 0.2)),
}


def _landing_pages(rng: np.random.Generator, channel: np.ndarray) -> np.ndarray:
    out = np.zeros(channel.size, dtype=np.int64)
    for ch, opts in _LANDING.items():
        m = channel == ch
        if m.any():
            w = np.array([o[1] for o in opts])
            chosen = rng.choice(len(opts), int(m.sum()), p=w / w.sum())
            out[m] = _choose_pages(rng, [opts[i][0] for i in chosen], int(m.sum()))
    return out


def plan_web(cfg: GeneratorConfig, world: World, camps: Campaigns, esp: EspEvents) -> WebPlan:
    rng = stage_rng(cfg.seed, "web")
    ct = world.contacts
    vis, visitor_of = _visitors(cfg, world, rng)
    st = StringTable()
    start, end = cfg.start_us, cfg.end_us
    weeks = cfg.days / 7

    # ---- session seeds ------------------------------------------------------------
    seeds: dict[str, list[np.ndarray]] = {k: [] for k in ("v", "kind", "ch", "t", "click", "form")}

    def add(
        v: np.ndarray,
        kind: int,
        ch: np.ndarray | int,
        t: np.ndarray,
        click: np.ndarray | int = -1,
        form: np.ndarray | int = FORM_NONE,
    ) -> None:
        n = v.size
        seeds["v"].append(v.astype(np.int64))
        seeds["kind"].append(np.full(n, kind, np.int64))
        seeds["ch"].append(np.broadcast_to(np.asarray(ch, np.int64), (n,)).copy())
        seeds["t"].append(t.astype(np.int64))
        seeds["click"].append(np.broadcast_to(np.asarray(click, np.int64), (n,)).copy())
        seeds["form"].append(np.broadcast_to(np.asarray(form, np.int64), (n,)).copy())

    # email landings: every human click opens the link 1-5 s later on the clicking device
    clicks = np.flatnonzero((esp.kind == CLICK) & (esp.bot < 0))
    cv = visitor_of[esp.contact[clicks], esp.device[clicks]]
    add(
        cv,
        S_EMAIL,
        CH_EMAIL,
        esp.t_us[clicks] + rng.integers(US_PER_S, 5 * US_PER_S, clicks.size),
        click=clicks,
    )
    # lead capture: contacts created in the window filled a gated-content form
    leads = np.flatnonzero(ct.lead_capture_us >= 0)
    add(
        visitor_of[leads, 0],
        S_LEAD,
        rng.choice(
            [CH_ORGANIC_SEARCH, CH_PAID_SOCIAL, CH_ORGANIC_SOCIAL], leads.size, p=[0.5, 0.3, 0.2]
        ),
        ct.lead_capture_us[leads],
        form=1,
    )

    ch_w_contact = np.array([0.25, 0.33, 0.12, 0.07, 0.10, 0.13])
    ch_w_anon = np.array([0.15, 0.45, 0.12, 0.08, 0.10, 0.10])
    # organic sessions of contacts
    cmask = vis.kind == V_CONTACT
    cidx = np.flatnonzero(cmask)
    share = np.where(
        ct.n_devices[vis.contact[cidx]] == 2, np.where(vis.device[cidx] == 0, 0.7, 0.3), 1.0
    )
    k = rng.poisson(ct.web_rate[vis.contact[cidx]] * share * weeks)
    v = np.repeat(cidx, k)
    tz = ct.tz[vis.contact[v]]
    form = np.where(rng.random(v.size) < 0.03, 3, np.where(rng.random(v.size) < 0.05, 1, FORM_NONE))
    add(
        v,
        S_ORGANIC,
        rng.choice(6, v.size, p=ch_w_contact),
        weekday_weighted_times(rng, v.size, start, end, tz),
        form=form,
    )
    # demo requests and sales contacts (one attempt each; dropped if it cannot be scheduled)
    lo = start + max(1, cfg.days // 10) * US_PER_DAY
    for kind_, want, form_ in ((S_DEMO, ct.wants_demo, 0), (S_SALES, ct.wants_sales, 2)):
        who = np.flatnonzero(want)
        add(
            visitor_of[who, 0],
            kind_,
            rng.choice([CH_DIRECT, CH_ORGANIC_SEARCH, CH_PAID_SEARCH], who.size, p=[0.4, 0.3, 0.3]),
            weekday_weighted_times(rng, who.size, lo, end - US_PER_DAY, ct.tz[who]),
            form=form_,
        )
    # anonymous visitors: 1+ sessions, a few start a form and abandon it
    aidx = np.flatnonzero(vis.kind == V_ANON)
    v = np.repeat(aidx, rng.geometric(0.6, aidx.size))
    form = np.where(rng.random(v.size) < 0.04, FORM_ABANDON, FORM_NONE)
    add(
        v,
        S_ORGANIC,
        rng.choice(6, v.size, p=ch_w_anon),
        weekday_weighted_times(rng, v.size, start, end),
        form=form,
    )
    # job seekers and crawlers
    kidx = np.flatnonzero(vis.kind == V_CAREERS)
    v = np.repeat(kidx, rng.integers(1, 4, kidx.size))
    add(
        v,
        S_CAREERS,
        rng.choice([CH_ORGANIC_SEARCH, CH_ORGANIC_SOCIAL], v.size),
        weekday_weighted_times(rng, v.size, start, end),
    )
    bidx = np.flatnonzero(vis.kind == V_CRAWLER)
    add(bidx, S_CRAWLER, CH_DIRECT, rng.integers(start, end - US_PER_DAY, bidx.size))

    s = {k: np.concatenate(v) for k, v in seeds.items()}
    ns = s["v"].size
    s_prof = vis.profile[s["v"]]
    s_prof = np.where(s["kind"] == S_CAREERS, 2, s_prof)

    # ---- pages and dwell times ----------------------------------------------------
    geo_p = np.where(s_prof == 1, 0.3, 0.42)
    n_pv = np.minimum(rng.geometric(geo_p), 10)
    n_pv = np.where(s["kind"] == S_CRAWLER, rng.integers(3, 11, ns), n_pv)
    n_pv = np.where(s["kind"] == S_CAREERS, rng.integers(1, 5, ns), n_pv)
    n_pv = np.where(np.isin(s["kind"], [S_EMAIL, S_LEAD]), np.minimum(n_pv, 5), n_pv)
    n_pv = np.where(np.isin(s["kind"], [S_DEMO, S_SALES]), np.maximum(n_pv, 2), n_pv)
    pv_s = np.repeat(np.arange(ns), n_pv)
    pos = rank_in_group(pv_s)
    first = pos == 0
    last = pos == n_pv[pv_s] - 1
    page = _profile_pages(rng, s_prof[pv_s])
    # landing pages
    landing = _landing_pages(rng, s["ch"])
    email = s["kind"] == S_EMAIL
    landing[email] = camps.link_page[esp.glink[s["click"][email]]]
    lead = s["kind"] == S_LEAD
    landing[lead] = rng.choice(CATEGORY_PAGES["resources"], int(lead.sum()))
    car = s["kind"] == S_CAREERS
    landing[car] = rng.choice(CATEGORY_PAGES["careers"], int(car.sum()))
    page[first] = landing
    # forms on the last page (lead capture: on the landing page)
    form = s["form"]
    pv_form = np.full(pv_s.size, FORM_NONE)
    form_page = np.select(
        [form == 0, form == 1, form == 2, form == 3],
        [
            rng.choice(CATEGORY_PAGES["demo"], ns),
            rng.choice(CATEGORY_PAGES["resources"], ns),
            rng.choice(CATEGORY_PAGES["contact_sales"], ns),
            rng.choice(CATEGORY_PAGES["blog"], ns),
        ],
        rng.choice(np.concatenate([CATEGORY_PAGES["demo"], CATEGORY_PAGES["resources"]]), ns),
    )
    has_form = form != FORM_NONE
    on = np.where(lead[pv_s], first, last) & has_form[pv_s]
    page[on & ~first] = form_page[pv_s[on & ~first]]
    pv_form[on] = form[pv_s[on]]
    # abandoned forms only start on pages that carry a form
    pv_cat = PAGE_CATEGORY[page]
    pv_form[(pv_form == FORM_ABANDON) & ~np.isin(pv_cat, [2, 9])] = FORM_NONE
    dwell_s = np.clip(rng.lognormal(np.log(40), 1.0, pv_s.size), 3, MAX_DWELL_S)
    dwell_s = np.where(pv_form != FORM_NONE, np.maximum(dwell_s, 45), dwell_s)
    dwell_s = np.where(s["kind"][pv_s] == S_CRAWLER, rng.uniform(0.3, 3.0, pv_s.size), dwell_s)
    dwell = (dwell_s * US_PER_S).astype(np.int64)
    duration = np.bincount(pv_s, weights=dwell, minlength=ns).astype(np.int64)

    # ---- schedule -------------------------------------------------------------------
    anchored = np.isin(s["kind"], [S_EMAIL, S_LEAD])
    t0, keep = schedule(s["v"], s["t"], duration, anchored, SESSION_GAP_US, (start, end))
    if not keep[anchored].all():
        raise AssertionError("an anchored web session could not be scheduled")
    order = np.flatnonzero(keep)
    order = order[np.lexsort((t0[order], s["v"][order]))]
    new_id = np.full(ns, -1)
    new_id[order] = np.arange(order.size)
    pv_keep = keep[pv_s]
    pv_order = np.flatnonzero(pv_keep)
    pv_order = pv_order[np.argsort(new_id[pv_s[pv_order]], kind="stable")]
    sv = s["v"][order]
    number = rank_in_group(sv) + 1
    s_start = t0[order]

    pv_sess = new_id[pv_s[pv_order]]
    pv_page = page[pv_order]
    pv_dwell = dwell[pv_order]
    pv_form = pv_form[pv_order]
    pv_first = first[pv_order]
    excl = np.cumsum(pv_dwell) - pv_dwell
    pv_start = s_start[pv_sess] + excl - excl[np.flatnonzero(pv_first)][pv_sess]
    counts = np.bincount(pv_sess, minlength=order.size)
    s_pv_offset = np.concatenate([[0], np.cumsum(counts)])

    # ---- visitors: pseudo ids from the first visit ---------------------------------------
    seen = np.zeros(vis.n, dtype=bool)
    seen[sv] = True
    first_touch = np.full(vis.n, -1, dtype=np.int64)
    first_touch[sv[number == 1]] = s_start[number == 1]
    rand = (
        mix64(np.arange(vis.n, dtype=np.uint64), salt(cfg.seed, "cookie")) % np.uint64(9 * 10**9)
    ) + np.uint64(10**9)
    pseudo = concat(digits(rand, 10), lit("."), digits(np.maximum(first_touch, 0) // US_PER_S, 10))
    vis.pseudo_id = pseudo
    vis.first_touch_us = first_touch

    # ---- page URLs, referrers, landing URLs and campaign parameters ---------------------
    page_url = st.add([cat.SITE + p.path for p in cat.PAGES])
    search_url = st.add([f"{cat.SITE}/search?q={t.replace(' ', '+')}" for t in cat.SEARCH_TERMS])
    pv_search = np.where(
        PAGE_CATEGORY[pv_page] == cat.PAGE_CATEGORIES.index("search"),
        rng.integers(0, len(cat.SEARCH_TERMS), pv_page.size),
        -1,
    )
    pv_url = np.where(pv_search >= 0, search_url[np.maximum(pv_search, 0)], page_url[pv_page])
    kind_o, ch_o = s["kind"][order], s["ch"][order]
    click_o = np.where(kind_o == S_EMAIL, s["click"][order], -1)
    first_pv = s_pv_offset[:-1]
    tr = _traffic(cfg, rng, st, camps, esp, ch_o, click_o, pv_url[first_pv])
    pv_url[first_pv] = tr["landing"]
    pv_ref = np.empty(pv_url.size, dtype=np.int64)
    pv_ref[1:] = pv_url[:-1]
    pv_ref[first_pv] = tr["ref"]

    # GA4 knows the product user id on the desktop once they use the product
    sc = vis.contact[sv]
    s_user = np.where(
        (sc >= 0)
        & (vis.device[sv] == 0)
        & ct.has_user[np.maximum(sc, 0)]
        & (s_start >= ct.product_since_us[np.maximum(sc, 0)]),
        sc,
        -1,
    )
    return WebPlan(
        visitors=vis,
        strings=st,
        s_visitor=sv,
        s_kind=kind_o,
        s_channel=ch_o,
        s_start=s_start,
        s_number=number,
        s_campaign=np.where(click_o >= 0, esp.campaign[np.maximum(click_o, 0)], -1),
        s_click=click_o,
        s_user_id=s_user,
        s_form=s["form"][order],
        s_src=tr["src"],
        s_med=tr["med"],
        s_cmp=tr["cmp"],
        s_term=tr["term"],
        s_content=tr["content"],
        s_gclid=tr["gclid"],
        s_manual=tr["manual"],
        s_pv_offset=s_pv_offset,
        pv_session=pv_sess,
        pv_page=pv_page,
        pv_url=pv_url,
        pv_ref=pv_ref,
        pv_start=pv_start,
        pv_dwell=pv_dwell,
        pv_form=pv_form,
        pv_search=pv_search,
    )


def _traffic(
    cfg: GeneratorConfig,
    rng: np.random.Generator,
    st: StringTable,
    camps: Campaigns,
    esp: EspEvents,
    channel: np.ndarray,
    click: np.ndarray,
    landing_url: np.ndarray,
) -> dict[str, np.ndarray]:
    """Per session: landing URL (string index), referrer and campaign parameters."""
    n = channel.size
    out = {k: np.full(n, -1, dtype=np.int64) for k in ("ref", "src", "med", "cmp", "term")}
    out |= {k: np.full(n, -1, dtype=np.int64) for k in ("content", "gclid")}
    out["landing"] = landing_url.copy()
    out["manual"] = np.zeros(n, dtype=bool)
    table = st.table()

    def one(values: list[str]) -> np.ndarray:
        return np.array([st.one(v) for v in values])

    def set_query(idx: np.ndarray, query: pa.Array) -> None:
        out["landing"][idx] = st.add(concat(take(table, landing_url[idx]), query))

    # email: the link URL with the recipient token (no referrer from mail clients)
    e = np.flatnonzero(click >= 0)
    if e.size:
        ev = click[e]
        tok = recipient_tokens(cfg.seed, esp.contact[ev], esp.campaign[ev])
        out["landing"][e] = st.add(
            concat(take(strings(camps.link_url), esp.glink[ev]), lit("&ct_rid="), tok)
        )
        out["src"][e] = one(list(ESPS))[camps.esp[esp.campaign[ev]]]
        out["med"][e] = st.one("email")
        out["cmp"][e] = one(camps.utm_campaign)[esp.campaign[ev]]
        link_no = esp.glink[ev] - camps.link_offset[esp.campaign[ev]]
        out["content"][e] = one([f"link{j}" for j in range(1, 8)])[link_no]
        out["manual"][e] = True
    # paid search: gclid auto-tagging, half also with UTMs
    p = np.flatnonzero(channel == CH_PAID_SEARCH)
    if p.size:
        key = p.astype(np.uint64)
        g = concat(
            lit("Cj0KCQiA"),
            b64_ids(mix64(key, salt(cfg.seed, "gclid")), mix64(key, 11)),
            lit("BwE"),
        )
        names = ["brand_search", "competitor_search", "category_search"]
        terms = ["attribution+software", "b2b+attribution", "lead+scoring+tool", "example+saas"]
        ci, ki = rng.integers(0, 3, p.size), rng.integers(0, 4, p.size)
        utm = rng.random(p.size) < 0.5
        q_utm = concat(
            lit("?utm_source=google&utm_medium=cpc&utm_campaign="),
            take(strings(names), ci),
            lit("&utm_term="),
            take(strings(terms), ki),
            lit("&gclid="),
            g,
        )
        set_query(p, pc.if_else(pa.array(utm), q_utm, concat(lit("?gclid="), g)))
        out["gclid"][p] = st.add(g)
        out["src"][p], out["med"][p] = st.one("google"), st.one("cpc")
        out["cmp"][p] = np.where(utm, one(names)[ci], -1)
        out["term"][p] = np.where(utm, one([t.replace("+", " ") for t in terms])[ki], -1)
        out["manual"][p] = utm
        out["ref"][p] = st.one(cat.SEARCH_REFERRERS[0])
    # paid social: LinkedIn ads
    p = np.flatnonzero(channel == CH_PAID_SOCIAL)
    if p.size:
        ad = rng.integers(1, 6, p.size)
        fat = hex_ids(mix64(p.astype(np.uint64), salt(cfg.seed, "li_fat_id")), 16)
        set_query(
            p,
            concat(
                lit("?utm_source=linkedin&utm_medium=cpc&utm_campaign=abm_2026_q1&utm_content=ad_"),
                take(strings([str(i) for i in range(6)]), ad),
                lit("&li_fat_id="),
                fat,
            ),
        )
        out["src"][p], out["med"][p] = st.one("linkedin"), st.one("cpc")
        out["cmp"][p] = st.one("abm_2026_q1")
        out["content"][p] = one([f"ad_{i}" for i in range(6)])[ad]
        out["manual"][p] = True
        out["ref"][p] = st.one("https://www.linkedin.com/")
    # organic social: a referrer, sometimes tagged utm_medium=social
    p = np.flatnonzero(channel == CH_ORGANIC_SOCIAL)
    if p.size:
        r = rng.integers(0, len(cat.SOCIAL_REFERRERS), p.size)
        tagged = rng.random(p.size) < 0.3
        r = np.where(tagged, 0, r)
        out["ref"][p] = one(list(cat.SOCIAL_REFERRERS))[r]
        out["src"][p] = np.where(
            tagged, st.one("linkedin"), one(["linkedin.com", "t.co", "reddit.com"])[r]
        )
        out["med"][p] = np.where(tagged, st.one("social"), st.one("referral"))
        out["manual"][p] = tagged
        q = pc.if_else(pa.array(tagged), lit("?utm_source=linkedin&utm_medium=social"), lit(""))
        set_query(p, q)
    # organic search, referral, direct
    p = np.flatnonzero(channel == CH_ORGANIC_SEARCH)
    r = (rng.random(p.size) < 0.15).astype(np.int64)
    out["ref"][p] = one(list(cat.SEARCH_REFERRERS))[r]
    out["src"][p], out["med"][p] = one(["google", "bing"])[r], st.one("organic")
    p = np.flatnonzero(channel == CH_REFERRAL)
    r = rng.integers(0, len(cat.REFERRAL_REFERRERS), p.size)
    out["ref"][p] = one(list(cat.REFERRAL_REFERRERS))[r]
    domains = [u.split("/")[2] for u in cat.REFERRAL_REFERRERS]
    out["src"][p], out["med"][p] = one(domains)[r], st.one("referral")
    p = np.flatnonzero(channel == CH_DIRECT)
    out["src"][p], out["med"][p] = st.one("(direct)"), st.one("(none)")
    return out
