"""Benchmark the demo-world generator: wall time, CPU time, events/s and size on disk.

Usage:
    .venv/bin/python scripts/bench_generate.py                 # 1M and 10M events
    .venv/bin/python scripts/bench_generate.py 2000000 --days 60 --keep --out /tmp/bench

Each size is generated into a temporary folder (removed afterwards unless --keep) with
``--events N``, which scales the number of contacts so that the world holds about N true
events. CPU time is reported too: on a shared machine it is steadier than wall time.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

from clicktrail.generator import GeneratorConfig, generate

KINDS = {
    "sendgrid": "raw/esp/sendgrid",
    "generic_csv": "raw/esp/events",
    "ga4": "raw/web/ga4",
    "mixpanel": "raw/web/mixpanel",
    "crm+campaigns": "raw/crm",
    "truth": "truth",
}


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.exists() else 0


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def bench(events: int, days: int, seed: int, ga4_format: str, out: Path, quiet: bool) -> dict:
    cfg = GeneratorConfig(
        events=events, days=days, seed=seed, out=out, ga4_format=ga4_format, quiet=quiet
    )
    cpu0, t0 = _cpu(), time.perf_counter()
    manifest = generate(cfg)
    wall, cpu = time.perf_counter() - t0, _cpu() - cpu0
    sizes = {k: _size(out / v) for k, v in KINDS.items()}
    sizes["crm+campaigns"] += _size(out / "raw/esp/campaigns")
    true_events = manifest["true_events"]
    return {
        "target_events": events,
        "true_events": true_events,
        "contacts": cfg.n_contacts,
        "days": days,
        "wall_s": round(wall, 2),
        "cpu_s": round(cpu, 2),
        "events_per_s": round(true_events / wall),
        "bytes": sizes,
        "total_mb": round(sum(sizes.values()) / 1e6, 1),
        "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("events", nargs="*", type=int, default=[1_000_000, 10_000_000])
    p.add_argument("--days", type=int, default=90)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--ga4-format", choices=("parquet", "ndjson"), default="parquet")
    p.add_argument("--out", type=Path, default=None, help="parent folder (default: a temp dir)")
    p.add_argument("--keep", action="store_true", help="keep the generated worlds")
    p.add_argument("--json", action="store_true", help="print results as JSON")
    p.add_argument("--verbose", action="store_true", help="show the generator's stage lines")
    args = p.parse_args(argv)

    parent = args.out or Path(tempfile.mkdtemp(prefix="clicktrail-bench-"))
    results = []
    try:
        for n in args.events:
            out = parent / f"world_{n}"
            r = bench(n, args.days, args.seed, args.ga4_format, out, quiet=not args.verbose)
            results.append(r)
            if not args.json:
                sizes = ", ".join(f"{k} {v / 1e6:.1f} MB" for k, v in r["bytes"].items())
                print(
                    f"{r['true_events']:>12,} events ({r['contacts']:,} contacts, {r['days']} days)"
                    f"  wall {r['wall_s']:.1f}s  cpu {r['cpu_s']:.1f}s"
                    f"  {r['events_per_s']:,} events/s  disk {r['total_mb']:,.1f} MB"
                    f"  peak RSS {r['max_rss_mb']:,} MB\n    {sizes}",
                    flush=True,
                )
            if not args.keep:
                shutil.rmtree(out, ignore_errors=True)
    finally:
        if not args.keep and args.out is None:
            shutil.rmtree(parent, ignore_errors=True)
    if args.json:
        json.dump(results, sys.stdout, indent=2)
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
