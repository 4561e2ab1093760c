"""Email campaigns: when they go out, through which ESP, to which list, with which links."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from clicktrail.generator import catalog as cat
from clicktrail.generator.config import US_PER_DAY, US_PER_H, US_PER_S, GeneratorConfig
from clicktrail.generator.rng import stage_rng
from clicktrail.generator.world import World

ESPS = ("sendgrid", "generic")


@dataclass(frozen=True)
class Campaigns:
    campaign_id: list[str]
    name: list[str]
    subject: list[str]
    esp: np.ndarray  # 0 sendgrid, 1 generic
    sent_us: np.ndarray
    list_name: list[str]
    members: list[np.ndarray]  # bool mask over contacts: the list (before suppression)
    utm_campaign: list[str]
    theme: list[str]
    link_offset: (
        np.ndarray
    )  # campaign c owns links link_offset[c]:link_offset[c+1]; last = honeypot
    link_url: list[str]  # visible: utm-tagged URL without the recipient token; honeypot: full
    link_page: np.ndarray  # catalog page index, -1 for the honeypot
    link_is_honeypot: np.ndarray
    link_campaign: np.ndarray

    @property
    def n(self) -> int:
        return len(self.campaign_id)

    def visible_links(self, c: int) -> np.ndarray:
        return np.arange(self.link_offset[c], self.link_offset[c + 1] - 1)

    def honeypot(self, c: int) -> int:
        return int(self.link_offset[c + 1] - 1)


def _list_members(world: World, rng: np.random.Generator) -> dict[str, np.ndarray]:
    ct, comp = world.contacts, world.companies
    subscribed = (rng.random(ct.n) < 0.85) | ct.showcase
    europe = np.array([c[3] == "Europe" for c in cat.COUNTRIES])[ct.country]
    return {
        "All subscribers": subscribed,
        "Product users": subscribed & ct.has_user,
        "Enterprise accounts": subscribed & (comp.size[ct.company] >= 1000),
        "EMEA": subscribed & europe,
        "Engaged 90d": subscribed & (ct.engagement > 0.25),
    }


def build_campaigns(cfg: GeneratorConfig, world: World) -> Campaigns:
    rng = stage_rng(cfg.seed, "campaigns")
    lists = _list_members(world, rng)
    sent: list[int] = []
    n_weeks = (cfg.days + 6) // 7
    for w in range(n_weeks):
        week_start = cfg.start_us + w * 7 * US_PER_DAY
        n_w = 1 + int(rng.random() < 0.5)
        # Tuesday, Wednesday or Thursday of each week of the window
        weekday = cfg.start_date.weekday()
        offsets = sorted((target - weekday) % 7 for target in (1, 2, 3))
        for d in sorted(rng.choice(offsets, size=n_w, replace=False)):
            t = week_start + int(d) * US_PER_DAY + int(rng.integers(13, 16)) * US_PER_H
            t += int(rng.integers(0, 3600)) * US_PER_S
            if t < cfg.end_us - 2 * US_PER_DAY:
                sent.append(t)
    if len(sent) < 2:
        sent = [
            cfg.start_us + US_PER_DAY + 14 * US_PER_H,
            cfg.start_us + 3 * US_PER_DAY + 15 * US_PER_H,
        ]
    sent_us = np.array(sorted(sent), dtype=np.int64)
    n = sent_us.size
    esp = (rng.random(n) < 0.2).astype(np.int8)
    if not (esp == 1).any():
        esp[min(1, n - 1)] = 1
    if not (esp == 0).any():
        esp[0] = 0

    list_names = list(lists)
    list_w = np.array([0.55, 0.1125, 0.1125, 0.1125, 0.1125])
    page_by_cat: dict[str, list[int]] = {}
    for i, p in enumerate(cat.PAGES):
        page_by_cat.setdefault(p.category, []).append(i)

    ids, names, subjects, list_name, members, utms, themes = [], [], [], [], [], [], []
    link_url: list[str] = []
    link_page: list[int] = []
    link_hp: list[bool] = []
    link_campaign: list[int] = []
    offsets = [0]
    for c in range(n):
        cid = f"cmp_{c + 1:04d}"
        day = dt.datetime.fromtimestamp(sent_us[c] // US_PER_S, dt.UTC).date()
        slug, title, cats = cat.CAMPAIGN_THEMES[int(rng.integers(0, len(cat.CAMPAIGN_THEMES)))]
        ln = list_names[int(rng.choice(len(list_names), p=list_w))]
        if c == int(np.flatnonzero(esp == esp[c])[0]):
            ln = list_names[0]  # the first campaign of each ESP goes to everyone
        utm = f"{day:%Y%m%d}_{slug.replace('-', '_')}"
        k = int(rng.integers(3, 7))
        chosen: list[int] = []
        for category in cats[:k] + ("demo",) * k:
            options = [p for p in page_by_cat[category] if p not in chosen]
            if options and len(chosen) < k:
                chosen.append(int(rng.choice(options)))
        for j, page in enumerate(chosen):
            link_url.append(
                f"{cat.SITE}{cat.PAGES[page].path}?utm_source={ESPS[esp[c]]}&utm_medium=email"
                f"&utm_campaign={utm}&utm_content=link{j + 1}"
            )
            link_page.append(page)
            link_hp.append(False)
            link_campaign.append(c)
        link_url.append(f"{cat.SITE}/l/hp-{cid}")
        link_page.append(-1)
        link_hp.append(True)
        link_campaign.append(c)
        offsets.append(len(link_url))
        ids.append(cid)
        names.append(f"{title} {day:%Y-%m-%d}")
        subjects.append(f"{title}: what is new at Example SaaS ({day:%b %d})")
        list_name.append(ln)
        members.append(lists[ln])
        utms.append(utm)
        themes.append(slug)
    return Campaigns(
        campaign_id=ids,
        name=names,
        subject=subjects,
        esp=esp,
        sent_us=sent_us,
        list_name=list_name,
        members=members,
        utm_campaign=utms,
        theme=themes,
        link_offset=np.array(offsets, dtype=np.int64),
        link_url=link_url,
        link_page=np.array(link_page, dtype=np.int64),
        link_is_honeypot=np.array(link_hp),
        link_campaign=np.array(link_campaign, dtype=np.int64),
    )
