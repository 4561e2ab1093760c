"""GA4 events: expand scheduled page views into the event stream a GA4 web tag would send."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from clicktrail.generator import catalog as cat
from clicktrail.generator.config import US_PER_S, GeneratorConfig
from clicktrail.generator.rng import stage_rng
from clicktrail.generator.web_sessions import (
    FORM_NONE,
    PAGE_CATEGORY,
    S_CRAWLER,
    V_CONTACT,
    WebPlan,
)
from clicktrail.generator.world import World

EVENT_NAMES = (
    "first_visit",
    "session_start",
    "page_view",
    "view_search_results",
    "form_start",
    "scroll",
    "video_start",
    "video_progress",
    "cta_click",
    "click",
    "form_submit",
    "file_download",
    "video_complete",
    "user_engagement",
)
(
    FIRST_VISIT,
    SESSION_START,
    PAGE_VIEW,
    SEARCH,
    FORM_START,
    SCROLL,
    VIDEO_START,
    VIDEO_PROGRESS,
    CTA,
    OUTBOUND,
    FORM_SUBMIT,
    DOWNLOAD,
    VIDEO_COMPLETE,
    ENGAGEMENT,
) = range(14)

# variants of a row: the true event, or an injected fault copied from it
VIDEO_PAGES = {"/product/attribution", "/product/journeys"}


@dataclass
class Ga4Events:
    """True GA4 events sorted by (timestamp, session, name)."""

    pv: np.ndarray
    session: np.ndarray
    ts: np.ndarray
    name: np.ndarray
    ival: np.ndarray  # percent for scroll/video, engagement ms for user_engagement
    sval: np.ndarray  # string index for cta/search/video/file/outbound link/form type

    @property
    def n(self) -> int:
        return int(self.ts.size)


def expand_events(cfg: GeneratorConfig, plan: WebPlan) -> Ga4Events:
    rng = stage_rng(cfg.seed, "ga4")
    st = plan.strings
    npv = plan.pv_session.size
    t, dw = plan.pv_start, plan.pv_dwell
    sess = plan.pv_session
    catg = PAGE_CATEGORY[plan.pv_page]
    human = plan.s_kind[sess] != S_CRAWLER
    first = np.zeros(npv, dtype=bool)
    first[plan.s_pv_offset[:-1]] = True
    cat_name = np.array(cat.PAGE_CATEGORIES)[catg]

    blocks: list[tuple[np.ndarray, np.ndarray, int, np.ndarray | int, np.ndarray | int]] = []

    def add(
        pv: np.ndarray,
        ts: np.ndarray,
        name: int,
        ival: np.ndarray | int = -1,
        sval: np.ndarray | int = -1,
    ) -> None:
        blocks.append((pv, ts, name, ival, sval))

    allpv = np.arange(npv)
    fv = np.flatnonzero(first & (plan.s_number[sess] == 1))
    add(fv, t[fv], FIRST_VISIT)
    f = np.flatnonzero(first)
    add(f, t[f], SESSION_START)
    add(allpv, t, PAGE_VIEW)
    p = np.flatnonzero(plan.pv_search >= 0)
    terms = np.array([st.one(x) for x in cat.SEARCH_TERMS])
    add(p, t[p] + 300_000, SEARCH, sval=terms[plan.pv_search[p]])
    # scrolls: deeper the longer the page is read
    n_sc = np.where(human, np.minimum(rng.poisson(dw / US_PER_S / 25), 4), 0)
    p = np.repeat(allpv, n_sc)
    j = np.arange(p.size) - np.repeat(np.cumsum(n_sc) - n_sc, n_sc)
    frac = 0.1 + 0.15 * j
    add(p, t[p] + (dw[p] * frac).astype(np.int64), SCROLL, ival=np.array([25, 50, 75, 90])[j])
    # calls to action
    rate = np.array([cat.CTA_RATE.get(c, 0.0) for c in cat.PAGE_CATEGORIES])[catg]
    p = np.flatnonzero(human & (rng.random(npv) < rate))
    cta_idx = np.zeros(p.size, dtype=np.int64)
    for c, names in cat.CTA_BY_CATEGORY.items():
        m = cat_name[p] == c
        cta_idx[m] = np.array([st.one(x) for x in names])[rng.integers(0, len(names), int(m.sum()))]
    add(p, t[p] + (dw[p] * 0.6).astype(np.int64), CTA, sval=cta_idx)
    # videos on webinar pages and two product pages
    has_video = np.array([pg.category == "webinar" or pg.path in VIDEO_PAGES for pg in cat.PAGES])
    v = np.flatnonzero(human & has_video[plan.pv_page] & (rng.random(npv) < 0.6))
    title = np.array([st.one(pg.title.split(" | ")[0]) for pg in cat.PAGES])[plan.pv_page[v]]
    watched = rng.random(v.size)
    add(v, t[v] + (dw[v] * 0.05).astype(np.int64), VIDEO_START, ival=0, sval=title)
    for pct in (10, 25, 50, 75):
        m = watched >= pct / 100
        add(
            v[m],
            t[v[m]] + (dw[v[m]] * (0.05 + 0.81 * pct / 100)).astype(np.int64),
            VIDEO_PROGRESS,
            ival=pct,
            sval=title[m],
        )
    m = watched >= 0.95
    add(v[m], t[v[m]] + (dw[v[m]] * 0.93).astype(np.int64), VIDEO_COMPLETE, ival=100, sval=title[m])
    # forms
    f = np.flatnonzero(plan.pv_form != FORM_NONE)
    ftype = np.where(plan.pv_form[f] >= 0, plan.pv_form[f], np.where(catg[f] == 2, 0, 1))
    add(f, t[f] + (dw[f] * 0.3).astype(np.int64), FORM_START, sval=ftype)
    s_ = np.flatnonzero(plan.pv_form >= 0)
    add(s_, t[s_] + (dw[s_] * 0.8).astype(np.int64), FORM_SUBMIT, sval=plan.pv_form[s_])
    # downloads: after a gated-content form, or ungated sometimes
    res = catg == cat.PAGE_CATEGORIES.index("resources")
    d = np.flatnonzero(human & res & ((plan.pv_form == 1) | (rng.random(npv) < 0.25)))
    files = np.array([st.one(pg.path.split("/")[-1] + ".pdf") for pg in cat.PAGES])
    add(d, t[d] + (dw[d] * 0.9).astype(np.int64), DOWNLOAD, sval=files[plan.pv_page[d]])
    # outbound clicks from blog and docs
    o = np.flatnonzero(human & np.isin(catg, [7, 10]) & (rng.random(npv) < 0.03))
    links = np.array([st.one(u) for u, _ in cat.OUTBOUND_LINKS])
    which = rng.integers(0, len(cat.OUTBOUND_LINKS), o.size)
    add(o, t[o] + (dw[o] * 0.7).astype(np.int64), OUTBOUND, ival=which, sval=links[which])
    e = np.flatnonzero(human)
    add(
        e,
        t[e] + (dw[e] * 0.97).astype(np.int64),
        ENGAGEMENT,
        ival=(dw[e] * 0.9 / 1000).astype(np.int64),
    )

    pv = np.concatenate([b[0] for b in blocks])
    ts = np.concatenate([b[1] for b in blocks]).astype(np.int64)
    name = np.concatenate([np.full(b[0].size, b[2], np.int8) for b in blocks])
    ival = np.concatenate([np.broadcast_to(np.asarray(b[3], np.int64), b[0].shape) for b in blocks])
    sval = np.concatenate([np.broadcast_to(np.asarray(b[4], np.int64), b[0].shape) for b in blocks])
    session = sess[pv]
    order = np.lexsort((name, session, ts))
    return Ga4Events(pv[order], session[order], ts[order], name[order], ival[order], sval[order])


def ga4_identity(plan: WebPlan, ev: Ga4Events, world: World) -> dict[str, np.ndarray]:
    """Per visitor: identifiable flag; per contact: first demo request / contact-sales time."""
    vis = plan.visitors
    ident = np.zeros(vis.n, dtype=bool)
    ident[plan.s_visitor[plan.s_click >= 0]] = True
    ident[plan.s_visitor[plan.s_user_id >= 0]] = True
    sub = np.flatnonzero(ev.name == FORM_SUBMIT)
    sv = plan.s_visitor[ev.session[sub]]
    known = vis.kind[sv] == V_CONTACT
    ident[sv[known]] = True
    n = world.contacts.n
    out = {"identifiable": ident}
    for key, form in (("demo_us", 0), ("sales_us", 2)):
        m = known & (ev.sval[sub] == form)
        first = np.full(n, np.iinfo(np.int64).max)
        np.minimum.at(first, vis.contact[sv[m]], ev.ts[sub[m]])
        out[key] = np.where(first == np.iinfo(np.int64).max, -1, first)
    return out
