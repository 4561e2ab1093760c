"""Companies and contacts: who exists in the world and their latent traits."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from clicktrail.generator import catalog as cat
from clicktrail.generator.config import US_PER_DAY, US_PER_MIN, GeneratorConfig
from clicktrail.generator.rng import mix64, salt, stage_rng, weekday_weighted_times
from clicktrail.generator.text import concat, digits, hex_ids, lit, strings

PUBLIC_FIRST_OCTETS = np.array(cat.PUBLIC_FIRST_OCTETS, dtype=np.uint32)


def random_public_ips(rng: np.random.Generator, n: int) -> np.ndarray:
    first = rng.choice(PUBLIC_FIRST_OCTETS, n)
    rest = rng.integers(0, 1 << 24, n, dtype=np.uint32)
    rest = (rest & np.uint32(0xFFFFFF00)) | rng.integers(2, 254, n, dtype=np.uint32)
    return (first << np.uint32(24)) | rest


@dataclass(frozen=True)
class Companies:
    name: list[str]
    domain: list[str]
    size: np.ndarray
    industry: np.ndarray
    country: np.ndarray
    mail_provider: np.ndarray  # index into catalog.MAIL_PROVIDERS
    scanner: np.ndarray  # index into catalog.SCANNERS, -1 = none
    office_net: np.ndarray  # uint32, a /24

    @property
    def n(self) -> int:
        return len(self.name)


@dataclass(frozen=True)
class Contacts:
    n: int
    company: np.ndarray
    crm_id: pa.Array
    esp_id: pa.Array
    email: pa.Array  # normalised (lower case) address, as the ESP has it
    crm_email: pa.Array  # as typed into the CRM (case, stray whitespace)
    email_sha256: pa.Array
    job_title: pa.Array
    seniority: np.ndarray
    country: np.ndarray
    tz: np.ndarray
    user_id: pa.Array  # null for contacts without a product login
    has_user: np.ndarray
    product_since_us: np.ndarray
    has_intent: np.ndarray
    created_us: np.ndarray
    lead_capture_us: np.ndarray  # -1 unless created in the window through a web form
    engagement: np.ndarray
    apple_mail: np.ndarray
    n_devices: np.ndarray
    browser: np.ndarray  # (n, 2) index into catalog.BROWSERS: desktop, mobile
    office_ip: np.ndarray
    home_ip: np.ndarray
    web_rate: np.ndarray  # organic sessions per week
    careers: np.ndarray
    wants_demo: np.ndarray
    wants_sales: np.ndarray
    showcase: np.ndarray  # always subscribed and pre-existing (see build_world)


@dataclass(frozen=True)
class World:
    companies: Companies
    contacts: Contacts


def _companies(cfg: GeneratorConfig, rng: np.random.Generator, n: int) -> Companies:
    n_pre, n_suf = len(cat.COMPANY_PREFIXES), len(cat.COMPANY_SUFFIXES)
    two = n_pre * n_suf
    combos = rng.permutation(two)[: min(n, two)]
    names = [
        f"{cat.COMPANY_PREFIXES[c // n_suf]} {cat.COMPANY_SUFFIXES[c % n_suf]}" for c in combos
    ]
    if n > two:
        extra = rng.choice(n_pre * two, size=n - two, replace=False)
        names += [
            f"{cat.COMPANY_PREFIXES[c // two]} {cat.COMPANY_PREFIXES[(c % two) // n_suf]} "
            f"{cat.COMPANY_SUFFIXES[c % n_suf]}"
            for c in extra
        ]
    w = np.array([c[1] for c in cat.COUNTRIES])
    country = rng.choice(len(cat.COUNTRIES), n, p=w / w.sum())
    domains = []
    seen: set[str] = set()
    for name, cc in zip(names, country, strict=True):
        base = name.lower().replace(" ", "")
        dom = f"{base}.{cat.COUNTRIES[cc][5]}"
        k = 2
        while dom in seen:
            dom = f"{base}{k}.{cat.COUNTRIES[cc][5]}"
            k += 1
        seen.add(dom)
        domains.append(dom)
    size = np.clip(np.round(rng.lognormal(np.log(300), 1.4, n)), 5, 50_000).astype(np.int64)
    pw = np.array(cat.MAIL_PROVIDER_WEIGHTS)
    provider = rng.choice(len(pw), n, p=pw)
    sw = np.array([s.weight for s in cat.SCANNERS])
    scanner = np.where(
        rng.random(n) < cat.SCANNER_SHARE, rng.choice(len(sw), n, p=sw / sw.sum()), -1
    )
    # at least one company per scanner kind (small worlds still show every behaviour)
    for k in range(len(cat.SCANNERS)):
        if not (scanner == k).any():
            free = np.flatnonzero(scanner == -1)
            scanner[free[rng.integers(0, free.size)]] = k
    office_net = random_public_ips(rng, n) & np.uint32(0xFFFFFF00)
    industry = rng.integers(0, len(cat.INDUSTRIES), n)
    return Companies(names, domains, size, industry, country, provider, scanner, office_net)


def build_world(cfg: GeneratorConfig) -> World:
    rng = stage_rng(cfg.seed, "world")
    n = cfg.n_contacts
    n_comp = max(12, n // 5)
    comp = _companies(cfg, rng, n_comp)

    # contacts per company: heavy-tailed; every scanner company gets at least one contact
    cw = rng.lognormal(0.0, 1.0, n_comp)
    company = rng.choice(n_comp, n, p=cw / cw.sum())
    scanner_companies = np.flatnonzero(comp.scanner >= 0)
    company[: scanner_companies.size] = scanner_companies
    company = company[rng.permutation(n)]
    # one "showcase" contact per scanner company: existing, subscribed, so even a small
    # world shows every scanner's behaviour
    _, first_at = np.unique(company, return_index=True)
    showcase = np.zeros(n, dtype=bool)
    showcase[first_at[np.isin(company[first_at], scanner_companies)]] = True

    first = rng.integers(0, len(cat.FIRST_NAMES), n)
    last = rng.integers(0, len(cat.LAST_NAMES), n)
    style = rng.choice(3, n, p=[0.7, 0.2, 0.1])
    emails: list[str] = []
    crm_emails: list[str] = []
    used: set[str] = set()
    case_roll = rng.random(n)
    for i in range(n):
        f, lname = cat.FIRST_NAMES[first[i]], cat.LAST_NAMES[last[i]]
        local = (f"{f}.{lname}", f"{f[0]}{lname}", f"{f}_{lname}")[style[i]].lower()
        dom = comp.domain[company[i]]
        addr, k = f"{local}@{dom}", 2
        while addr in used:
            addr, k = f"{local}{k}@{dom}", k + 1
        used.add(addr)
        emails.append(addr)
        if case_roll[i] < 0.10:  # CRM users type names with capitals
            crm_emails.append(addr.replace(local, local.title(), 1))
        elif case_roll[i] < 0.13:
            crm_emails.append(f" {addr} ")
        else:
            crm_emails.append(addr)
    sha = [hashlib.sha256(e.encode()).hexdigest() for e in emails]

    sw = np.array([s[1] for s in cat.SENIORITIES])
    seniority = rng.choice(len(sw), n, p=sw)
    pattern = rng.integers(0, 12, n)
    func = rng.integers(0, len(cat.FUNCTIONS), n)
    titles = []
    for s, p, f in zip(seniority, pattern, func, strict=True):
        pats = cat.SENIORITIES[s][2]
        titles.append(pats[p % len(pats)].format(f=cat.FUNCTIONS[f]))

    country = comp.country[company]
    tz = np.array([c[2] for c in cat.COUNTRIES])[country]
    has_intent = rng.random(n) < np.where(seniority <= 2, 0.19, 0.12)

    start, end = cfg.start_us, cfg.end_us
    in_window = (rng.random(n) < 0.15) & ~showcase
    lead_us = weekday_weighted_times(rng, n, start, end - 3 * US_PER_DAY, tz)
    lead_us = np.where(in_window, lead_us, -1)
    before = start - rng.integers(1, 720, n) * US_PER_DAY + rng.integers(0, US_PER_DAY, n)
    created = np.where(in_window, lead_us + rng.integers(30, 60, n) * US_PER_MIN, before)

    has_user = rng.random(n) < 0.30
    since = np.where(
        rng.random(n) < 0.7, start - US_PER_DAY, rng.integers(start, end - US_PER_DAY, n)
    )
    since = np.maximum(since, created + US_PER_DAY)
    uid_raw = mix64(np.arange(n, dtype=np.uint64), salt(cfg.seed, "user_id"))
    user_id = pa.array(
        [
            f"u_{v}" if h else None
            for v, h in zip(hex_ids(uid_raw, 10).to_pylist(), has_user, strict=True)
        ],
        pa.large_string(),
    )

    engagement = np.clip(rng.beta(2.0, 6.0, n) + np.where(has_intent, 0.2, 0.0), 0.01, 0.95)
    n_devices = np.where(rng.random(n) < 0.45, 2, 1)
    browser = np.stack(
        [
            rng.choice(cat.DESKTOP_BROWSERS, n, p=cat.DESKTOP_WEIGHTS),
            rng.choice(cat.MOBILE_BROWSERS, n, p=cat.MOBILE_WEIGHTS),
        ],
        axis=1,
    )
    office_ip = comp.office_net[company] | rng.integers(2, 254, n, dtype=np.uint32)
    web_rate = np.where(rng.random(n) < 0.25, 0.0, rng.lognormal(np.log(0.5), 0.8, n))
    web_rate = web_rate * np.where(has_intent, 3.0, 1.0)
    esp_raw = mix64(np.arange(n, dtype=np.uint64), salt(cfg.seed, "esp_id"))

    contacts = Contacts(
        n=n,
        company=company,
        crm_id=_prefixed("crm_", np.arange(1, n + 1), max(6, len(str(n)))),
        esp_id=hex_ids(esp_raw, 12, prefix="esp_"),
        email=strings(emails),
        crm_email=strings(crm_emails),
        email_sha256=strings(sha),
        job_title=strings(titles),
        seniority=seniority,
        country=country,
        tz=tz,
        user_id=user_id,
        has_user=has_user,
        product_since_us=since,
        has_intent=has_intent,
        created_us=created,
        lead_capture_us=lead_us,
        engagement=engagement,
        apple_mail=rng.random(n) < 0.30,
        n_devices=n_devices,
        browser=browser,
        office_ip=office_ip,
        home_ip=random_public_ips(rng, n),
        web_rate=web_rate,
        careers=rng.random(n) < 0.01,
        wants_demo=_at_least(rng.random(n) < np.where(has_intent, 0.45, 0.01), has_intent, 2),
        wants_sales=_at_least(rng.random(n) < np.where(has_intent, 0.12, 0.005), has_intent, 2),
        showcase=showcase,
    )
    return World(comp, contacts)


def _at_least(mask: np.ndarray, prefer: np.ndarray, k: int) -> np.ndarray:
    """``mask`` with at least ``k`` True values, adding preferred rows first."""
    missing = k - int(mask.sum())
    if missing > 0:
        extra = np.concatenate([np.flatnonzero(prefer & ~mask), np.flatnonzero(~prefer & ~mask)])
        mask = mask.copy()
        mask[extra[:missing]] = True
    return mask


def _prefixed(prefix: str, values: np.ndarray, width: int) -> pa.Array:
    return concat(lit(prefix), digits(values, width))
