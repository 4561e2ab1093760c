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
        """Report that ``name`` finished (timed since the previous stage)."""
        now = time.perf_counter()
        self.report(name, now - self._last, count, unit)
        self._last = now

    def report(
        self, name: str, seconds: float, count: int | None = None, unit: str = "rows"
    ) -> None:
        """Report ``count`` items produced in ``seconds`` (also for work timed elsewhere)."""
        self.timings[name] = seconds
        if self.quiet:
            return
        msg = f"[generate] {name:<34} {seconds:7.2f}s"
        if count is not None:
            rate = count / seconds if seconds > 0 else float("inf")
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
