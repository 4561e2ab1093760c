"""ESP events per campaign recipient: send, delivery, opens, clicks (human and scanner)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from clicktrail.generator import catalog as cat
from clicktrail.generator.campaigns import Campaigns
from clicktrail.generator.config import US_PER_H, US_PER_S, GeneratorConfig
from clicktrail.generator.rng import bernoulli_at_least, stage_rng
from clicktrail.generator.world import World

# event kinds (SendGrid names; the generic CSV maps them in its writer)
PROCESSED, DEFERRED, DELIVERED, DROPPED, BOUNCE = 0, 1, 2, 3, 4
OPEN, CLICK, UNSUBSCRIBE, GROUP_UNSUB, GROUP_RESUB, SPAMREPORT = 5, 6, 7, 8, 9, 10
KIND_NAMES = (
    "processed",
    "deferred",
    "delivered",
    "dropped",
    "bounce",
    "open",
    "click",
    "unsubscribe",
    "group_unsubscribe",
    "group_resubscribe",
    "spamreport",
)

# user-agent table: browsers, then mail clients, then scanner agents
UA_TABLE: list[str] = [b.ua for b in cat.BROWSERS]
UA_APPLE_PROXY = len(UA_TABLE)
UA_TABLE += [cat.MAIL_UA_APPLE_PROXY, cat.MAIL_UA_APPLE_MAIL, cat.MAIL_UA_GMAIL_PROXY]
UA_TABLE += [cat.MAIL_UA_OUTLOOK]
UA_APPLE_MAIL, UA_GMAIL, UA_OUTLOOK = UA_APPLE_PROXY + 1, UA_APPLE_PROXY + 2, UA_APPLE_PROXY + 3
SCANNER_UA_START: list[int] = []
for _s in cat.SCANNERS:
    SCANNER_UA_START.append(len(UA_TABLE))
    UA_TABLE += list(_s.user_agents)

_COLUMNS = ("t_us", "kind", "campaign", "contact", "glink", "ua", "ip", "ip2", "machine")
_COLUMNS += ("hard", "attempt", "bot", "device")


@dataclass
class EspEvents:
    """All true ESP events, sorted by time (then a stable key)."""

    t_us: np.ndarray  # whole seconds, in µs
    kind: np.ndarray
    campaign: np.ndarray
    contact: np.ndarray
    glink: np.ndarray  # global link index (campaigns.link_*), -1 if not a click
    ua: np.ndarray  # index into UA_TABLE, -1 none
    ip: np.ndarray  # uint32, 0 none
    ip2: np.ndarray  # uint32 proxy address appended to ip ("client, proxy"), 0 none
    machine: np.ndarray  # opens: 1 machine (Apple MPP) / 0 human; -1 otherwise
    hard: np.ndarray  # bounces: 1 hard / 0 soft; -1 otherwise
    attempt: np.ndarray
    bot: np.ndarray  # scanner index for scanner clicks, -1 otherwise
    device: np.ndarray  # human clicks: which of the contact's devices (0 desktop, 1 mobile)

    @property
    def n(self) -> int:
        return int(self.t_us.size)

    def subset(self, mask: np.ndarray) -> EspEvents:
        return EspEvents(**{c: getattr(self, c)[mask] for c in _COLUMNS})


@dataclass
class _Acc:
    cols: dict[str, list[np.ndarray]] = field(default_factory=lambda: {c: [] for c in _COLUMNS})

    def add(self, kind: int, t_us: np.ndarray, campaign: int, contact: np.ndarray, **kw) -> None:
        n = t_us.size
        if n == 0:
            return
        defaults = {"glink": -1, "ua": -1, "ip": 0, "ip2": 0, "machine": -1, "hard": -1}
        defaults |= {"attempt": 0, "bot": -1, "device": -1}
        self.cols["t_us"].append(np.asarray(t_us, np.int64))
        self.cols["kind"].append(np.full(n, kind, np.int8))
        self.cols["campaign"].append(np.full(n, campaign, np.int32))
        self.cols["contact"].append(np.asarray(contact, np.int32))
        for name, default in defaults.items():
            v = kw.get(name, default)
            dtype = np.uint32 if name in ("ip", "ip2") else np.int32
            self.cols[name].append(np.broadcast_to(np.asarray(v, dtype), (n,)).copy())

    def build(self) -> EspEvents:
        arrays = {c: np.concatenate(v) for c, v in self.cols.items()}
        order = np.lexsort(
            (
                arrays["bot"],
                arrays["glink"],
                arrays["kind"],
                arrays["contact"],
                arrays["campaign"],
                arrays["t_us"],
            )
        )
        return EspEvents(**{c: a[order] for c, a in arrays.items()})


def _secs(rng: np.random.Generator, lo: int, hi: int, n: int) -> np.ndarray:
    """Whole-second delays in [lo, hi] as µs."""
    return rng.integers(lo, hi + 1, n).astype(np.int64) * US_PER_S


def _lognormal_secs(
    rng: np.random.Generator, median_s: float, sigma: float, n: int, lo: int, hi: int
) -> np.ndarray:
    d = np.clip(np.round(rng.lognormal(np.log(median_s), sigma, n)), lo, hi)
    return d.astype(np.int64) * US_PER_S


def _ips(rng: np.random.Generator, prefixes: tuple[tuple[int, int], ...], n: int) -> np.ndarray:
    pre = np.array([(a << 24) | (b << 16) for a, b in prefixes], dtype=np.uint32)
    return pre[rng.integers(0, pre.size, n)] | rng.integers(256, 65_000, n, dtype=np.uint32)


def build_esp_events(cfg: GeneratorConfig, world: World, camps: Campaigns) -> EspEvents:
    rng = stage_rng(cfg.seed, "esp")
    ct, comp = world.contacts, world.companies
    acc = _Acc()
    suppressed = np.zeros(ct.n, dtype=bool)
    end = cfg.end_us
    first_of_esp = {int(e): int(np.flatnonzero(camps.esp == e)[0]) for e in np.unique(camps.esp)}
    provider = comp.mail_provider[ct.company]
    scanner = comp.scanner[ct.company]

    for c in range(camps.n):
        mn = 1 if first_of_esp.get(int(camps.esp[c])) == c else 0
        sendgrid = camps.esp[c] == 0
        eligible = camps.members[c] & (ct.created_us < camps.sent_us[c]) & ~suppressed
        rec = np.flatnonzero(eligible).astype(np.int32)
        r = rec.size
        if r == 0:
            continue
        t_send = camps.sent_us[c] + _secs(rng, 0, 900, r)
        acc.add(PROCESSED, t_send, c, rec)
        u = rng.random(r)
        dropped, bounce = u < 0.005, (u >= 0.005) & (u < 0.025)
        deferred = (u >= 0.025) & (u < 0.035)
        # small worlds: every fate in the first campaign of each ESP (not on showcase contacts)
        pick = np.flatnonzero(~ct.showcase[rec])[-4:] if mn and r >= 20 else np.zeros(0, int)
        if pick.size == 4:
            dropped[pick] = bounce[pick] = deferred[pick] = False
            dropped[pick[0]], bounce[pick[1:3]], deferred[pick[3]] = True, True, True
        hard = rng.random(r) < 0.6
        if pick.size == 4:
            hard[pick[1]], hard[pick[2]] = True, False
        acc.add(DROPPED, t_send[dropped] + US_PER_S, c, rec[dropped])
        acc.add(
            BOUNCE,
            t_send[bounce] + _secs(rng, 2, 30, int(bounce.sum())),
            c,
            rec[bounce],
            hard=hard[bounce].astype(np.int32),
        )
        suppressed[rec[bounce & hard]] = True
        t_def = t_send[deferred] + _secs(rng, 2, 20, int(deferred.sum()))
        acc.add(DEFERRED, t_def, c, rec[deferred], attempt=1)
        t_deliv = t_send + _secs(rng, 1, 20, r)
        t_deliv[deferred] = t_def + _secs(rng, 300, 7200, int(deferred.sum()))
        ok = ~(dropped | bounce)
        d_rec, d_t = rec[ok], t_deliv[ok]
        acc.add(DELIVERED, d_t, c, d_rec)
        nd = d_rec.size

        # Apple Mail Privacy Protection prefetch: every delivery to an Apple Mail user
        mpp = ct.apple_mail[d_rec]
        acc.add(
            OPEN,
            d_t[mpp] + _secs(rng, 1, 59, int(mpp.sum())),
            c,
            d_rec[mpp],
            ua=UA_APPLE_PROXY,
            machine=1,
            ip=_ips(rng, ((17, 58),), int(mpp.sum())),
        )

        # human opens
        eng = ct.engagement[d_rec]
        opened = bernoulli_at_least(rng, np.minimum(eng * 0.9, 0.9), nd, mn)
        first_open = d_t + _lognormal_secs(rng, 3 * 3600, 1.3, nd, 60, 6 * 86400)
        n_extra = rng.poisson(0.4, nd) * opened
        o_idx = np.concatenate([np.flatnonzero(opened), np.repeat(np.arange(nd), n_extra)])
        o_t = np.concatenate(
            [
                first_open[opened],
                first_open[np.repeat(np.arange(nd), n_extra)]
                + _lognormal_secs(rng, 6 * 3600, 1.2, int(n_extra.sum()), 30, 5 * 86400),
            ]
        )
        keep = o_t < end
        o_idx, o_t = o_idx[keep], o_t[keep]
        o_con = d_rec[o_idx]
        prov = provider[o_con]
        ua = np.where(
            ct.apple_mail[o_con], UA_APPLE_MAIL, np.where(prov == 0, UA_GMAIL, UA_OUTLOOK)
        )
        ip = np.where(
            ct.apple_mail[o_con],
            _ips(rng, ((17, 58),), o_idx.size),
            np.where(prov == 0, _ips(rng, ((66, 249),), o_idx.size), ct.office_ip[o_con]),
        )
        acc.add(OPEN, o_t, c, o_con, ua=ua, ip=ip, machine=0)

        # human clicks: mostly after an open, a few with images blocked
        intent = ct.has_intent[d_rec]
        cto = np.clip(0.08 + 0.3 * intent + 0.15 * eng, 0, 0.9)
        p_click = np.where(opened, cto, np.where(intent, 0.02, 0.008))
        clicked = bernoulli_at_least(rng, p_click, nd, mn) & ((first_open < end) | ~opened)
        t1 = np.where(
            opened,
            first_open + _secs(rng, 5, 900, nd),
            d_t + _lognormal_secs(rng, 4 * 3600, 1.2, nd, 120, 5 * 86400),
        )
        second = clicked & (rng.random(nd) < 0.25)
        t2 = t1 + _secs(rng, int(2.5 * 3600), 48 * 3600, nd)
        k_idx = np.concatenate([np.flatnonzero(clicked), np.flatnonzero(second)])
        k_t = np.concatenate([t1[clicked], t2[second]])
        keep = k_t < end - 3 * US_PER_H
        k_idx, k_t = k_idx[keep], k_t[keep]
        k_con = d_rec[k_idx]
        links = camps.visible_links(c)
        lw = np.ones(links.size)
        lw[0] = 2.0
        hot = np.isin([cat.PAGES[p].category for p in camps.link_page[links]], ["pricing", "demo"])
        w_norm, w_int = lw / lw.sum(), (lw + 3 * hot) / (lw + 3 * hot).sum()
        k_int = ct.has_intent[k_con]
        glink = np.where(
            k_int, rng.choice(links, k_idx.size, p=w_int), rng.choice(links, k_idx.size, p=w_norm)
        )
        device = np.where((ct.n_devices[k_con] == 2) & (rng.random(k_idx.size) < 0.3), 1, 0)
        k_ua = ct.browser[k_con, device]
        at_office = rng.random(k_idx.size) < 0.7
        k_ip = np.where(at_office, ct.office_ip[k_con], ct.home_ip[k_con])
        proxied = rng.random(k_idx.size) < 0.05
        if mn and k_idx.size:
            proxied[0] = True  # small worlds: at least one "client, proxy" address list
        k_ip2 = np.where(proxied, _ips(rng, ((81, 2),), k_idx.size), 0)
        acc.add(CLICK, k_t, c, k_con, glink=glink, ua=k_ua, ip=k_ip, ip2=k_ip2, device=device)

        # unsubscribes and complaints
        base_t = np.where(
            opened, first_open, d_t + _lognormal_secs(rng, 5 * 3600, 1, nd, 60, 86400)
        )
        unsub = rng.random(nd) < 0.003
        t_un = base_t + _secs(rng, 20, 600, nd)
        group = sendgrid & (rng.random(nd) < 0.3)
        resub = group & (rng.random(nd) < 0.2)
        spam = (rng.random(nd) < 0.0005) & ~unsub
        t_sp = base_t + _secs(rng, 5, 300, nd)
        # small worlds: a plain unsubscribe, a group unsubscribe that is taken back, and a
        # complaint in the first campaign of each ESP, soon after delivery
        keep_clear = ~ct.showcase[d_rec] & ~clicked
        forced = np.flatnonzero(keep_clear)[:3] if mn else np.zeros(0, int)
        if forced.size == 3:
            a, b, s_ = forced
            unsub[[a, b]], spam[[a, b]], unsub[s_], spam[s_] = True, False, False, True
            group[a], group[b], resub[b] = False, sendgrid, sendgrid
            t_un[[a, b]] = d_t[[a, b]] + 60 * US_PER_S
            t_sp[s_] = d_t[s_] + 90 * US_PER_S
        valid = unsub & (t_un < end)
        sel_g, sel_u = valid & group, valid & ~group
        acc.add(UNSUBSCRIBE, t_un[sel_u], c, d_rec[sel_u])
        acc.add(
            GROUP_UNSUB,
            t_un[sel_g],
            c,
            d_rec[sel_g],
            ua=ct.browser[d_rec[sel_g], 0],
            ip=ct.office_ip[d_rec[sel_g]],
        )
        t_re = t_un + _secs(rng, 3600, 3 * 86400, nd)
        if forced.size == 3:
            t_re[forced[1]] = t_un[forced[1]] + 2 * 3600 * US_PER_S
        sel_r = sel_g & resub & (t_re < end)
        acc.add(
            GROUP_RESUB,
            t_re[sel_r],
            c,
            d_rec[sel_r],
            ua=ct.browser[d_rec[sel_r], 0],
            ip=ct.office_ip[d_rec[sel_r]],
        )
        suppressed[d_rec[sel_u | (sel_g & ~sel_r)]] = True
        sel_s = spam & (t_sp < end)
        acc.add(SPAMREPORT, t_sp[sel_s], c, d_rec[sel_s])
        suppressed[d_rec[sel_s]] = True

        # security scanners click right after delivery and never land on the site
        sc = scanner[d_rec]
        for s_idx, s in enumerate(cat.SCANNERS):
            m = sc == s_idx
            if not m.any():
                continue
            s_con, s_t = d_rec[m], d_t[m]
            ns = s_con.size
            s_ua = SCANNER_UA_START[s_idx] + rng.integers(0, len(s.user_agents), ns)
            s_ip = _ips(rng, s.ip_prefixes, ns)
            if s.mode == "first_only":
                acc.add(
                    CLICK,
                    s_t + _secs(rng, 2, 10, ns),
                    c,
                    s_con,
                    glink=int(links[0]),
                    ua=s_ua,
                    ip=s_ip,
                    bot=s_idx,
                )
                continue
            all_links = np.append(links, camps.honeypot(c))
            first = s_t + (
                _secs(rng, 1, 16, ns) if s.mode == "all_fast" else _secs(rng, 120, 570, ns)
            )
            spread = 4 if s.mode == "all_fast" else 30
            for gl in all_links:
                acc.add(
                    CLICK,
                    first + _secs(rng, 0, spread, ns),
                    c,
                    s_con,
                    glink=int(gl),
                    ua=s_ua,
                    ip=s_ip,
                    bot=s_idx,
                )
    events = acc.build()
    return events.subset(events.t_us < end)


def anchor_filter(events: EspEvents, lead_capture_us: np.ndarray, min_gap_us: int) -> EspEvents:
    """Drop human clicks closer than ``min_gap_us`` after another anchor of the same contact.

    Every kept human click starts its own web session, so anchored sessions of one person
    never collide (web sessions must stay > 35 minutes apart).
    """
    human = np.flatnonzero((events.kind == CLICK) & (events.bot < 0))
    leads = np.flatnonzero(lead_capture_us >= 0)
    who = np.concatenate([events.contact[human], leads])
    when = np.concatenate([events.t_us[human], lead_capture_us[leads]])
    ref = np.concatenate([human, np.full(leads.size, -1)])
    order = np.lexsort((ref, when, who))
    who, when, ref = who[order], when[order], ref[order]
    close = np.zeros(who.size, dtype=bool)
    close[1:] = (who[1:] == who[:-1]) & (when[1:] - when[:-1] < min_gap_us)
    drop = ref[close & (ref >= 0)]
    keep = np.ones(events.n, dtype=bool)
    keep[drop] = False
    return events.subset(keep)
