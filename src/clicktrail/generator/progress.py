"""Per-stage progress lines on stderr (counts, seconds, rates)."""

from __future__ import annotations

import sys
import time


class Progress:
    def __init__(self, quiet: bool = False) -> None:
        self.quiet = quiet
        self.t0 = time.perf_counter()
        self._last = self.t0
        self.timings: dict[str, float] = {}

    def stage(self, name: str, count: int | None = None, unit: str = "rows") -> None:
        """Report that ``name`` finished, producing ``count`` items."""
        now = time.perf_counter()
        dt = now - self._last
        self._last = now
        self.timings[name] = dt
        if self.quiet:
            return
        msg = f"[generate] {name:<28} {dt:7.2f}s"
        if count is not None:
            rate = count / dt if dt > 0 else float("inf")
            msg += f"  {count:>12,} {unit}  ({rate:,.0f} {unit}/s)"
        print(msg, file=sys.stderr, flush=True)

    def done(self, total: int) -> float:
        elapsed = time.perf_counter() - self.t0
        if not self.quiet:
            print(
                f"[generate] total {elapsed:.2f}s, {total:,} true events "
                f"({total / elapsed:,.0f} events/s)",
                file=sys.stderr,
                flush=True,
            )
        return elapsed
