"""Benchmark (not a test): generation, full dbt build, one nightly run, and a hand-written floor.

For each size it generates a world of DAYS+1 days, builds the first DAYS days from scratch
(full build), then adds the last day's files and runs `dbt build` again (the nightly run). The
floor is one hand-written DuckDB query that sessionises the same web events straight from the
raw files. It prints a table and writes it to reports/bench.md.

    .venv/bin/python scripts/bench.py --events 1000000 10000000 [--days 90]

The full build is `dbt build --full-refresh` (models, seeds, data and unit tests); the nightly
run is the production schedule `dbt build --exclude-resource-type unit_test`; unit tests are
timed on their own (a fixed cost, independent of the data). raw->sessions is
`dbt run --select +fct_sessions --full-refresh` (it includes the email and identity parents).
At 50M events and more, `--skip-sessions-path --clean` saves an hour and the disk: world and raw
files are hard links, and each size's files and warehouse go once it is measured.

dbt's fixed cost is measured first: the full build and raw->sessions commands on a world of
about 2,400 events, where the queries take milliseconds. What remains is dbt's start-up,
parsing and per-node work, which no SQL removes, so `fixed .../floor` is the lowest ratio the
project can reach at a size (DECISIONLOG D-035). The write floor writes the web events once
to a table, with only the columns sessions with a channel need: the least any design that
stages its events before sessionising them does, however its SQL is written.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
DAY_FILE = re.compile(r"(\d{4}-?\d{2}-?\d{2})")
FULL_BUILD = ["--full-refresh"]
# After the full build (seeds loaded), so `run` is enough.
SESSIONS_PATH = [str(BIN / "dbt"), "run", "--select", "+fct_sessions", "--full-refresh"]
FIXED_COST_CONTACTS = 20
FIXED_COST_DAYS = 7


@dataclass
class Measure:
    seconds: float
    peak_rss_mb: float


def timed(cmd: list[str], env: dict[str, str] | None = None) -> Measure:
    """Run a command under /usr/bin/time -v: wall time and peak RSS of its largest process."""
    start = time.perf_counter()
    proc = subprocess.run(
        ["/usr/bin/time", "-v", *cmd],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout[-4000:] + proc.stderr[-4000:])
        raise SystemExit(f"command failed: {' '.join(cmd)}")
    match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr)
    return Measure(elapsed, int(match.group(1)) / 1024 if match else float("nan"))


def split_last_day(world: Path, base: Path, last_day: str) -> list[Path]:
    """Copy the world's raw files into `base`, holding back files of `last_day`; return those."""
    held: list[Path] = []
    for src in (world / "raw").rglob("*"):
        if not src.is_file():
            continue
        dest = base / src.relative_to(world / "raw")
        dest.parent.mkdir(parents=True, exist_ok=True)
        found = DAY_FILE.search(src.name)
        if found and found.group(1).replace("-", "") == last_day.replace("-", ""):
            held.append(src)
        else:
            link_or_copy(src, dest)
    return held


def link_or_copy(src: Path, dest: Path) -> None:
    """Hard-link (the files are never modified; at 50M events a copy is 8 GB), else copy."""
    try:
        os.link(src, dest)
    except OSError:
        shutil.copy2(src, dest)


def floor_query(raw: Path) -> Measure:
    """Sessionise GA4 + Mixpanel web events with one hand-written DuckDB query."""
    con = duckdb.connect()
    con.execute("set enable_progress_bar = false")
    start = time.perf_counter()
    con.execute(
        f"""
        with events as (
            select user_pseudo_id as visitor, event_timestamp as ts
            from read_parquet('{raw}/web/ga4/*.parquet')
            where user_pseudo_id is not null and event_timestamp is not null
            union all
            select json_extract_string(raw_line, '$.properties.distinct_id') as visitor,
                   cast(try_cast(json_extract_string(raw_line, '$.properties.time') as double)
                        * 1000000 as bigint) as ts
            from read_csv('{raw}/web/mixpanel/*.json*', columns={{'raw_line': 'VARCHAR'}},
                          header=false, delim=chr(31), quote='', escape='', auto_detect=false)
            where json_valid(raw_line)
        ),
        gaps as (
            select visitor,
                   case when ts - lag(ts) over (partition by visitor order by ts) <= 1800000000
                        then 0 else 1 end as is_start
            from events
        )
        select sum(is_start) from gaps
        """
    ).fetchall()
    return Measure(time.perf_counter() - start, float("nan"))


def write_floor(raw: Path, db: Path) -> Measure:
    """Write the web events once, as few columns as sessions with a channel need: the least
    any design that stages its events before sessionising them does (D-035).

    GA4: file, event, time, ids, page, referrer, GA session id and manual source / medium /
    campaign, flattened from the nested row; Mixpanel: each JSON line as text, with its file.
    """
    param = "(event_params[list_position(list_transform(event_params, lambda p: p.key), '{}')])"
    con = duckdb.connect(str(db))
    con.execute("set enable_progress_bar = false")
    start = time.perf_counter()
    con.execute(
        f"""
        create table ga4_events as
        select
            filename, event_name, event_timestamp, user_pseudo_id, user_id,
            {param.format("page_location")}.value.string_value as page_location,
            {param.format("page_referrer")}.value.string_value as page_referrer,
            {param.format("ga_session_id")}.value.int_value as ga_session_id,
            collected_traffic_source.manual_source as manual_source,
            collected_traffic_source.manual_medium as manual_medium,
            collected_traffic_source.manual_campaign_name as manual_campaign_name
        from read_parquet('{raw}/web/ga4/*.parquet', filename=true, union_by_name=true)
        """
    )
    con.execute(
        f"""
        create table mixpanel_lines as
        select * from read_csv('{raw}/web/mixpanel/*.json*', columns={{'raw_line': 'VARCHAR'}},
                               header=false, delim=chr(31), quote='', escape='',
                               auto_detect=false, filename=true)
        """
    )
    elapsed = time.perf_counter() - start
    con.close()
    db.unlink(missing_ok=True)
    return Measure(elapsed, float("nan"))


def slowest_nodes(run_results: Path, n: int = 5) -> str:
    """The n slowest nodes of a dbt invocation, as `name seconds` pairs."""
    results = json.loads(run_results.read_text())["results"]
    ranked = sorted(results, key=lambda r: r["execution_time"], reverse=True)[:n]
    return ", ".join(f"{r['unique_id'].split('.')[-1]} {r['execution_time']:.1f}" for r in ranked)


def node_seconds_by_type(run_results: Path) -> str:
    """Summed node time of a dbt invocation per resource type (model, test, seed, ...)."""
    totals: dict[str, float] = {}
    counts: dict[str, int] = {}
    for r in json.loads(run_results.read_text())["results"]:
        kind = r["unique_id"].split(".")[0]
        totals[kind] = totals.get(kind, 0.0) + r["execution_time"]
        counts[kind] = counts.get(kind, 0) + 1
    return ", ".join(f"{counts[k]} {k}s {totals[k]:.1f} s" for k in sorted(totals))


def generate_cmd(world: Path, *size: str) -> list[str]:
    """`clicktrail generate` of a bench world: seed 1, quiet, the size arguments given."""
    clicktrail = str(BIN / "clicktrail")
    return [clicktrail, "generate", *size, "--seed", "1", "--out", str(world), "--quiet"]


def dbt_env(raw: Path, db: Path, work: Path) -> dict[str, str]:
    """The environment of every dbt command of one world: its raw files, warehouse and spill."""
    env = dict(os.environ)
    env.update(
        {
            "CLICKTRAIL_RAW_PATH": str(raw),
            "CLICKTRAIL_DB_PATH": str(db),
            "CLICKTRAIL_DUCKDB_TEMP_DIR": str(work / "tmp"),
            "DBT_PROFILES_DIR": str(ROOT),
        }
    )
    return env


def dbt_paths(work: Path) -> list[str]:
    return ["--target-path", str(work / "target"), "--log-path", str(work / "logs")]


def fixed_cost(work: Path, sessions_path: bool = True) -> dict[str, float]:
    """dbt's own cost: the full build and raw->sessions commands on a world of ~2,400 events.

    With so little data every query takes milliseconds, so what is left is dbt's start-up,
    parsing and per-node work (about 670 nodes with the unit tests). No SQL brings a build of
    this project below it, so fixed / floor is the lowest ratio a size can show.
    """
    world = work / "world"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    subprocess.run(
        generate_cmd(world, "--contacts", str(FIXED_COST_CONTACTS), "--days", str(FIXED_COST_DAYS)),
        check=True,
    )
    manifest = json.loads((world / "manifest.json").read_text())
    env = dbt_env(world / "raw", work / "fixed.duckdb", work)
    dbt = [str(BIN / "dbt"), "build", *dbt_paths(work)]
    full = timed([*dbt, *FULL_BUILD], env)
    sessions = (
        timed([*SESSIONS_PATH, *dbt_paths(work)], env)
        if sessions_path
        else Measure(float("nan"), float("nan"))
    )
    return {
        "events": manifest["true_events"],
        "full_build_s": full.seconds,
        "sessions_path_s": sessions.seconds,
    }


def bench_size(events: int, days: int, work: Path, sessions_path: bool = True) -> dict[str, float]:
    world = work / f"world_{events}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    gen = timed(generate_cmd(world, "--events", str(events), "--days", str(days + 1)))
    manifest = (world / "manifest.json").read_text()
    n_events = (
        int(re.search(r'"true_events":\s*(\d+)', manifest).group(1))
        if '"true_events"' in manifest
        else events
    )
    day_names = sorted(
        {m.group(1) for p in (world / "raw").rglob("*") if (m := DAY_FILE.search(p.name))}
    )
    raw = work / "raw"
    held = split_last_day(world, raw, day_names[-1])
    db = work / "bench.duckdb"
    env = dbt_env(raw, db, work)
    paths = dbt_paths(work)
    dbt = [str(BIN / "dbt"), "build", *paths]
    # The production schedule: data tests run, unit tests (logic checks on fixtures, a fixed
    # cost independent of the data) are left to CI; they are timed on their own below.
    nightly_cmd = [*dbt, "--exclude-resource-type", "unit_test"]
    full = timed([*dbt, *FULL_BUILD], env)
    db_mb = db.stat().st_size / 2**20
    print(
        f"[bench] {events}: full build {full.seconds:.1f} s, {full.peak_rss_mb:.0f} MB", flush=True
    )
    for src in held:
        dest = raw / src.relative_to(world / "raw")
        shutil.copy2(src, dest)
    nightly = timed(nightly_cmd, env)
    nightly_results = work / "target" / "run_results.json"
    slowest = slowest_nodes(nightly_results)
    by_type = node_seconds_by_type(nightly_results)
    # Kept for per-node analysis: the next invocation overwrites target/run_results.json.
    (ROOT / "reports").mkdir(exist_ok=True)
    shutil.copy2(nightly_results, ROOT / "reports" / f"bench_nightly_run_results_{events}.json")
    print(
        f"[bench] {events}: nightly {nightly.seconds:.1f} s, {nightly.peak_rss_mb:.0f} MB; "
        f"node time: {by_type}; slowest: {slowest}",
        flush=True,
    )
    unit = timed([str(BIN / "dbt"), "test", "--select", "test_type:unit", *paths], env)
    sessions = (
        timed([*SESSIONS_PATH, *paths], env)
        if sessions_path
        else Measure(float("nan"), float("nan"))
    )
    floor = floor_query(raw)
    written = write_floor(raw, work / "write_floor.duckdb")
    return {
        "events": n_events,
        "generate_s": gen.seconds,
        "generate_peak_mb": gen.peak_rss_mb,
        "full_build_s": full.seconds,
        "full_peak_mb": full.peak_rss_mb,
        "nightly_s": nightly.seconds,
        "nightly_peak_mb": nightly.peak_rss_mb,
        "unit_tests_s": unit.seconds,
        "nightly_slowest": slowest,
        "nightly_by_type": by_type,
        "sessions_path_s": sessions.seconds,
        "floor_s": floor.seconds,
        "write_floor_s": written.seconds,
        "events_per_s": n_events / full.seconds,
        "raw_mb": sum(p.stat().st_size for p in raw.rglob("*") if p.is_file()) / 2**20,
        "db_mb": db_mb,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, nargs="+", default=[1_000_000])
    parser.add_argument("--days", type=int, default=90)
    parser.add_argument("--work", type=Path, default=ROOT / "data" / "bench")
    parser.add_argument(
        "--skip-sessions-path",
        action="store_true",
        help="do not time the second full refresh of +fct_sessions (saves time at 50M+)",
    )
    parser.add_argument(
        "--clean",
        action="store_true",
        help="delete each size's world, raw files and warehouse once measured (disk at 50M+)",
    )
    parser.add_argument(
        "--skip-fixed-cost",
        action="store_true",
        help="do not measure dbt's fixed cost on a tiny world (about a minute)",
    )
    args = parser.parse_args()
    header = (
        "| events | gen s | gen peak MB | full build s | full peak MB | nightly s "
        "| nightly peak MB | unit tests s | raw->sessions s | floor s | sessions/floor "
        "| full/floor | nightly/full | ev/s | raw MB | warehouse MB "
        "| fixed sessions/floor | fixed full/floor | write floor s | write/floor |"
    )
    lines = [header, "|" + "---|" * 20]
    notes = []
    out = ROOT / "reports"
    out.mkdir(exist_ok=True)
    nan = float("nan")
    fixed = {"events": 0, "full_build_s": nan, "sessions_path_s": nan}
    if not args.skip_fixed_cost:
        fixed = fixed_cost(args.work / "fixed_cost", not args.skip_sessions_path)
        shutil.rmtree(args.work / "fixed_cost", ignore_errors=True)
        notes.append(
            f"- dbt's fixed cost (a world of {fixed['events']:,} events, the same commands): "
            f"full build {fixed['full_build_s']:.1f} s, raw->sessions "
            f"{fixed['sessions_path_s']:.1f} s; fixed/floor is the lowest ratio any SQL "
            "could give at that size"
        )
        print(notes[-1], flush=True)
    for n in args.events:
        r = bench_size(n, args.days, args.work / str(n), not args.skip_sessions_path)
        if args.clean:
            shutil.rmtree(args.work / str(n), ignore_errors=True)
        lines.append(
            f"| {r['events']:,} | {r['generate_s']:.1f} | {r['generate_peak_mb']:.0f} | "
            f"{r['full_build_s']:.1f} | "
            f"{r['full_peak_mb']:.0f} | {r['nightly_s']:.1f} | {r['nightly_peak_mb']:.0f} | "
            f"{r['unit_tests_s']:.1f} | {r['sessions_path_s']:.1f} | {r['floor_s']:.2f} | "
            f"{r['sessions_path_s'] / r['floor_s']:.1f}x | "
            f"{r['full_build_s'] / r['floor_s']:.1f}x | "
            f"{r['nightly_s'] / r['full_build_s']:.0%} | {r['events_per_s']:,.0f} | "
            f"{r['raw_mb']:.0f} | {r['db_mb']:.0f} | "
            f"{fixed['sessions_path_s'] / r['floor_s']:.1f}x | "
            f"{fixed['full_build_s'] / r['floor_s']:.1f}x | "
            f"{r['write_floor_s']:.2f} | {r['write_floor_s'] / r['floor_s']:.1f}x |"
        )
        print(lines[-1], flush=True)
        notes.append(
            f"- {r['events']:,} events, nightly node time: {r['nightly_by_type']}; "
            f"slowest (s): {r['nightly_slowest']}"
        )
        # written after every size: a long run that fails later keeps what it measured
        (out / "bench.md").write_text("\n".join([*lines, "", *notes]) + "\n")
    print("\n".join([*lines, "", *notes]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
