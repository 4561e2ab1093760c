"""Command-line entry point: ``clicktrail <command>``."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path


def _add_generate(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "generate",
        help="generate the demo world (raw vendor files + ground truth)",
        description="Generate a deterministic demo world into OUT/raw, OUT/truth and "
        "OUT/manifest.json (see src/clicktrail/generator/README.md).",
    )
    p.add_argument("--contacts", type=int, default=2000, help="CRM contacts (default 2000)")
    p.add_argument("--days", type=int, default=90, help="days of activity (default 90)")
    p.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    p.add_argument("--out", type=Path, default=Path("data/demo"), help="output folder")
    p.add_argument(
        "--start-date",
        type=dt.date.fromisoformat,
        default=dt.date(2026, 1, 5),
        help="first day of the window, YYYY-MM-DD (default 2026-01-05)",
    )
    p.add_argument(
        "--ga4-format",
        choices=("parquet", "ndjson"),
        default="parquet",
        help="GA4 export file format (default parquet)",
    )
    p.add_argument(
        "--events",
        type=int,
        default=None,
        help="approximate total true events; overrides --contacts (for benchmarks)",
    )
    p.add_argument("--quiet", action="store_true", help="no progress on stderr")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="clicktrail", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("version", help="print the version")
    _add_generate(sub)
    args = parser.parse_args(argv)
    if args.command == "version":
        from clicktrail import __version__

        print(__version__)
    elif args.command == "generate":
        from clicktrail.generator import GeneratorConfig, generate

        try:
            cfg = GeneratorConfig(
                contacts=args.contacts,
                days=args.days,
                seed=args.seed,
                out=args.out,
                start_date=args.start_date,
                ga4_format=args.ga4_format,
                events=args.events,
                quiet=args.quiet,
            )
        except ValueError as exc:
            parser.error(str(exc))
        generate(cfg)
    return 0


if __name__ == "__main__":
    sys.exit(main())
