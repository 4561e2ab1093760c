"""Session scheduling: keep every visitor's sessions apart by more than the inactivity gap."""

from __future__ import annotations

import numpy as np
import pandas as pd


def group_first(sorted_groups: np.ndarray) -> np.ndarray:
    """For a sorted group-key array, the index of each element's group start."""
    n = sorted_groups.size
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    starts = np.ones(n, dtype=bool)
    starts[1:] = sorted_groups[1:] != sorted_groups[:-1]
    return np.maximum.accumulate(np.where(starts, np.arange(n), 0))


def rank_in_group(sorted_groups: np.ndarray) -> np.ndarray:
    """0-based position of each element within its group (groups sorted)."""
    return np.arange(sorted_groups.size) - group_first(sorted_groups)


def schedule(
    visitor: np.ndarray,
    start: np.ndarray,
    duration: np.ndarray,
    anchored: np.ndarray,
    gap_us: int,
    window: tuple[int, int],
) -> tuple[np.ndarray, np.ndarray]:
    """Final session starts and a keep mask.

    Free sessions of a visitor are pushed later until each starts at least ``gap_us`` after
    the previous one ends (a vectorised cumulative max per visitor). Anchored sessions (those
    triggered by an email click at a known instant) never move; a free session too close to
    an anchored one is dropped, as is anything ending outside the window.
    """
    n = start.size
    new_start = start.astype(np.int64).copy()
    free = np.flatnonzero(~anchored)
    if free.size:
        o = free[np.lexsort((start[free], visitor[free]))]
        v, s = visitor[o], start[o].astype(np.int64)
        d = duration[o].astype(np.int64) + gap_us
        excl = np.cumsum(d) - d
        c = excl - excl[group_first(v)]
        u = pd.Series(s - c).groupby(v, sort=False).cummax().to_numpy()
        new_start[o] = u + c
    end = new_start + duration
    keep = (new_start >= window[0]) & (end < window[1])

    # free sessions colliding with an anchored session of the same visitor are dropped
    if anchored.any() and free.size:
        o = np.lexsort((~anchored, new_start, visitor))
        v = visitor[o]
        a = anchored[o]
        prev_end = pd.Series(np.where(a, end[o], np.nan)).groupby(v, sort=False).ffill()
        next_start = pd.Series(np.where(a, new_start[o], np.nan)).groupby(v, sort=False).bfill()
        prev_end = prev_end.to_numpy(dtype=float, na_value=-np.inf)
        next_start = next_start.to_numpy(dtype=float, na_value=np.inf)
        ok = (new_start[o] >= prev_end + gap_us) & (end[o] + gap_us <= next_start)
        clash = np.zeros(n, dtype=bool)
        clash[o] = ~ok & ~a
        keep &= ~clash
    return new_start, keep
