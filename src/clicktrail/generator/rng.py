"""Seeded randomness and deterministic opaque identifiers.

Each stage draws from its own generator, keyed by (seed, stage name), so changing one stage
does not shift the random streams of the others. Identifiers come from ``mix64``, a bijective
64-bit mixer (splitmix64 finaliser): distinct inputs give distinct, random-looking outputs.
"""

from __future__ import annotations

import zlib

import numpy as np

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)


def stage_rng(seed: int, stage: str) -> np.random.Generator:
    """A generator for one stage; stable across Python runs (crc32, not hash())."""
    return np.random.default_rng(np.random.SeedSequence([seed, zlib.crc32(stage.encode())]))


def salt(seed: int, name: str) -> int:
    """A 64-bit salt for ``mix64`` derived from the seed and a purpose name."""
    return (zlib.crc32(f"{seed}:{name}".encode()) * 0x9E3779B1 + seed) & 0xFFFFFFFFFFFFFFFF


def mix64(values: np.ndarray, salt_value: int) -> np.ndarray:
    """Bijective mix of uint64 values (for a fixed salt): unique in, unique out."""
    with np.errstate(over="ignore"):
        z = values.astype(np.uint64) + np.uint64(salt_value) * _GOLDEN
        z = (z ^ (z >> np.uint64(30))) * _M1
        z = (z ^ (z >> np.uint64(27))) * _M2
        return z ^ (z >> np.uint64(31))


def bernoulli_at_least(
    rng: np.random.Generator, p: np.ndarray | float, n: int, minimum: int = 0
) -> np.ndarray:
    """Bernoulli draws with a guaranteed minimum number of successes (for small worlds)."""
    hits = rng.random(n) < p
    if minimum and n and hits.sum() < minimum:
        free = np.flatnonzero(~hits)
        need = min(minimum - int(hits.sum()), free.size)
        hits[rng.choice(free, size=need, replace=False)] = True
    return hits


def weekday_weighted_times(
    rng: np.random.Generator,
    n: int,
    start_us: int,
    end_us: int,
    tz_hours: np.ndarray | int = 0,
) -> np.ndarray:
    """Human activity times (µs) in [start, end): weekdays and local office hours favoured."""
    days = max(1, (end_us - start_us) // 86_400_000_000)
    day0 = np.arange(days)
    weekday = (start_us // 86_400_000_000 + 3 + day0) % 7  # 1970-01-01 was a Thursday
    w = np.where(weekday >= 5, 0.3, 1.0)
    day = rng.choice(days, size=n, p=w / w.sum())
    hour_w = np.array(
        [1, 1, 1, 1, 1, 2, 4, 8, 14, 16, 16, 15, 13, 15, 16, 15, 13, 10, 7, 6, 5, 4, 3, 2],
        dtype=float,
    )
    local_hour = rng.choice(24, size=n, p=hour_w / hour_w.sum())
    sec = local_hour * 3600 + rng.integers(0, 3600, n) - np.asarray(tz_hours) * 3600
    t = start_us + day * 86_400_000_000 + sec * 1_000_000 + rng.integers(0, 1_000_000, n)
    return np.clip(t, start_us, end_us - 1).astype(np.int64)
