"""CRM: contacts, opportunities (driven by demo requests and intent) and the campaign catalogue."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from clicktrail.generator import catalog as cat
from clicktrail.generator.campaigns import ESPS, Campaigns
from clicktrail.generator.config import US_PER_DAY, US_PER_H, GeneratorConfig
from clicktrail.generator.rng import stage_rng, weekday_weighted_times
from clicktrail.generator.text import csv_lines, dec, iso_seconds, strings, take, write_text
from clicktrail.generator.world import World

NEVER = np.iinfo(np.int64).max


@dataclass
class Opportunities:
    contact: np.ndarray
    created_us: np.ndarray
    stage: np.ndarray  # 0 open, 1 won, 2 lost
    amount_cents: np.ndarray
    closed_us: np.ndarray  # -1 when open

    @property
    def n(self) -> int:
        return int(self.contact.size)


def build_opportunities(
    cfg: GeneratorConfig, world: World, demo_us: np.ndarray, sales_us: np.ndarray
) -> Opportunities:
    """One opportunity for most demo requesters, some sales contacts and a few others."""
    rng = stage_rng(cfg.seed, "crm")
    ct, comp = world.contacts, world.companies
    n = ct.n
    start, end = cfg.start_us, cfg.end_us
    cand = np.full(n, NEVER)
    after_demo = (demo_us >= 0) & (rng.random(n) < 0.75)
    t = demo_us + rng.integers(US_PER_H, 7 * US_PER_DAY, n)
    cand = np.where(after_demo, np.minimum(cand, t), cand)
    after_sales = (sales_us >= 0) & (rng.random(n) < 0.5)
    t = sales_us + rng.integers(US_PER_H, 5 * US_PER_DAY, n)
    cand = np.where(after_sales, np.minimum(cand, t), cand)
    other = (demo_us < 0) & (sales_us < 0)
    outbound = other & (rng.random(n) < np.where(ct.has_intent, 0.10, 0.005))
    t = weekday_weighted_times(rng, n, start, end, ct.tz)
    cand = np.where(outbound, np.minimum(cand, t), cand)
    who = np.flatnonzero(cand < end - US_PER_H)
    created = cand[who]
    order = np.lexsort((who, created))
    who, created = who[order], created[order]
    age = end - created
    u = rng.random(who.size)
    old, mid = age > 30 * US_PER_DAY, age > 10 * US_PER_DAY
    stage = np.where(
        old,
        np.select([u < 0.35, u < 0.75], [1, 2], 0),
        np.where(mid, np.select([u < 0.10, u < 0.25], [1, 2], 0), 0),
    )
    span = np.maximum(age - US_PER_H, US_PER_DAY)
    closed = created + (rng.random(who.size) * np.minimum(span, 60 * US_PER_DAY)).astype(np.int64)
    closed = np.where(stage > 0, np.minimum(closed, end - 1), -1)
    size = comp.size[ct.company[who]]
    amount = np.round(rng.lognormal(np.log(4000 * np.sqrt(size / 50)), 0.4) * 100).astype(np.int64)
    return Opportunities(who, created, stage, amount, closed)


def first_opportunity(opps: Opportunities, n_contacts: int) -> np.ndarray:
    first = np.full(n_contacts, NEVER)
    np.minimum.at(first, opps.contact, opps.created_us)
    return np.where(first == NEVER, -1, first)


def write_crm(world: World, opps: Opportunities, raw: Path) -> dict[str, int]:
    ct, comp = world.contacts, world.companies
    co = ct.company
    contacts = {
        "contact_id": ct.crm_id,
        "email": ct.crm_email,
        "company_name": take(strings(comp.name), co),
        "company_domain": take(strings(comp.domain), co),
        "company_size": dec(comp.size[co]),
        "industry": take(strings(list(cat.INDUSTRIES)), comp.industry[co]),
        "job_title": ct.job_title,
        "country": take(strings([c[0] for c in cat.COUNTRIES]), ct.country),
        "user_id": ct.user_id,
        "created_at": iso_seconds(ct.created_us),
    }
    header, lines = csv_lines(contacts)
    write_text(raw / "crm" / "contacts" / "contacts.csv", lines, header, newline=False)
    amount = [f"{a // 100}.{a % 100:02d}" for a in opps.amount_cents.tolist()]
    width = max(6, len(str(opps.n)))
    columns = {
        "opportunity_id": strings([f"opp_{i + 1:0{width}d}" for i in range(opps.n)]),
        "contact_id": take(ct.crm_id, opps.contact),
        "created_at": iso_seconds(opps.created_us),
        "stage": take(strings(["open", "won", "lost"]), opps.stage),
        "amount": strings(amount),
        "closed_at": take(
            iso_seconds(np.maximum(opps.closed_us, 0)), np.arange(opps.n), opps.closed_us >= 0
        ),
    }
    header, lines = csv_lines(columns)
    write_text(raw / "crm" / "opportunities" / "opportunities.csv", lines, header, newline=False)
    return {"contacts": ct.n, "opportunities": opps.n}


def write_campaigns(camps: Campaigns, raw: Path) -> int:
    columns = {
        "campaign_id": strings(camps.campaign_id),
        "campaign_name": strings(camps.name),
        "esp": take(strings(list(ESPS)), camps.esp),
        "subject": strings(camps.subject),
        "sent_at": iso_seconds(camps.sent_us),
        "list_name": strings(camps.list_name),
        "utm_campaign": strings(camps.utm_campaign),
        "link_count": dec(np.diff(camps.link_offset) - 1),
    }
    header, lines = csv_lines(columns)
    write_text(raw / "esp" / "campaigns" / "campaigns.csv", lines, header, newline=False)
    return camps.n
