"""Generator settings and the derived world size."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

US_PER_S = 1_000_000
US_PER_MIN = 60 * US_PER_S
US_PER_H = 60 * US_PER_MIN
US_PER_DAY = 24 * US_PER_H

# Calibrated on the default world: true events per contact per day (all sources together).
EVENTS_PER_CONTACT_DAY = 3.3
GA4_FORMATS = ("parquet", "ndjson")


@dataclass(frozen=True)
class GeneratorConfig:
    """What to generate. ``events`` (if set) overrides ``contacts`` to hit a total size."""

    contacts: int = 2000
    days: int = 90
    seed: int = 42
    out: Path = field(default_factory=lambda: Path("data/demo"))
    start_date: dt.date = dt.date(2026, 1, 5)
    ga4_format: str = "parquet"
    events: int | None = None
    quiet: bool = False

    def __post_init__(self) -> None:
        if self.days < 7:
            raise ValueError("--days must be at least 7")
        if self.ga4_format not in GA4_FORMATS:
            raise ValueError(f"--ga4-format must be one of {GA4_FORMATS}")
        if self.events is None and self.contacts < 20:
            raise ValueError("--contacts must be at least 20")
        if self.events is not None and self.events < 10_000:
            raise ValueError("--events must be at least 10000")

    @property
    def n_contacts(self) -> int:
        if self.events is None:
            return self.contacts
        return max(20, round(self.events / (EVENTS_PER_CONTACT_DAY * self.days)))

    @property
    def start_us(self) -> int:
        start = dt.datetime.combine(self.start_date, dt.time(), tzinfo=dt.UTC)
        return int(start.timestamp()) * US_PER_S

    @property
    def end_us(self) -> int:
        return self.start_us + self.days * US_PER_DAY

    def describe(self) -> dict[str, Any]:
        """The arguments as written to manifest.json (no output path: it is not content)."""
        d = asdict(self)
        d.pop("out")
        d.pop("quiet")
        d["start_date"] = self.start_date.isoformat()
        d["n_contacts"] = self.n_contacts
        return d
