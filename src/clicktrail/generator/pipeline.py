"""Run every stage of the demo world and write raw/, truth/ and manifest.json."""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from clicktrail import __version__
from clicktrail.generator.campaigns import build_campaigns
from clicktrail.generator.config import GeneratorConfig
from clicktrail.generator.crm import (
    build_opportunities,
    first_opportunity,
    write_campaigns,
    write_crm,
)
from clicktrail.generator.email_events import anchor_filter, build_esp_events
from clicktrail.generator.esp_writers import event_keys, write_generic, write_sendgrid
from clicktrail.generator.ga4_events import expand_events, ga4_identity
from clicktrail.generator.ga4_export import write_ga4
from clicktrail.generator.mixpanel import build_mixpanel, write_mixpanel
from clicktrail.generator.progress import Progress
from clicktrail.generator.text import iso_seconds
from clicktrail.generator.truth import write_contacts, write_email_clicks, write_faults, write_web
from clicktrail.generator.web_sessions import ANCHOR_GAP_US, plan_web
from clicktrail.generator.world import build_world

T = TypeVar("T")


def _timed(fn: Callable[..., T], *args: Any) -> tuple[T, float]:
    t0 = time.perf_counter()
    result = fn(*args)
    return result, time.perf_counter() - t0


def _clean(out: Path) -> None:
    """Remove a previous world's files (only what the generator writes)."""
    for sub in ("raw", "truth"):
        if (out / sub).exists():
            shutil.rmtree(out / sub)
    (out / "manifest.json").unlink(missing_ok=True)


def _public(counts: dict[str, int]) -> dict[str, int]:
    return {k.lstrip("_"): v for k, v in counts.items() if k.startswith("_")}


def _faults(counts: dict[str, int]) -> dict[str, int]:
    return {k: v for k, v in counts.items() if not k.startswith("_")}


def generate(cfg: GeneratorConfig) -> dict[str, Any]:
    """Generate the world described by ``cfg``; returns the manifest."""
    prog = Progress(cfg.quiet)
    out = Path(cfg.out)
    raw, truth = out / "raw", out / "truth"
    _clean(out)
    out.mkdir(parents=True, exist_ok=True)

    world = build_world(cfg)
    prog.stage("companies and contacts", world.contacts.n, "contacts")
    camps = build_campaigns(cfg, world)
    esp = build_esp_events(cfg, world, camps)
    esp = anchor_filter(esp, world.contacts.lead_capture_us, ANCHOR_GAP_US)
    prog.stage("email events", esp.n, "events")
    plan = plan_web(cfg, world, camps, esp)
    prog.stage("web sessions", plan.n_sessions, "sessions")
    ga4 = expand_events(cfg, plan)
    ident = ga4_identity(plan, ga4, world)
    prog.stage("ga4 events", ga4.n, "events")
    # the GA4 export (the largest output) is written in the background while the
    # line-oriented sources are built; every writer has its own files and random stream
    with ThreadPoolExecutor(max_workers=1) as background:
        ga4_job = background.submit(_timed, write_ga4, cfg, world, plan, ga4, raw / "web" / "ga4")
        mp = build_mixpanel(cfg, world)
        prog.stage("mixpanel events", mp.n, "events")
        mp_counts = write_mixpanel(cfg, world, mp, raw / "web" / "mixpanel")
        prog.stage("write mixpanel", mp_counts["_rows"], "lines")
        keys = event_keys(cfg, esp, camps)
        sg_counts = write_sendgrid(cfg, world, camps, esp, keys, raw / "esp" / "sendgrid")
        gen_counts = write_generic(cfg, world, camps, esp, keys, raw / "esp" / "events")
        prog.stage("write esp", sg_counts["_rows"] + gen_counts["_rows"], "rows")
        ga4_counts, ga4_seconds = ga4_job.result()
    prog.stage("wait for the ga4 writer")
    prog.report(f"(write ga4 {cfg.ga4_format}, background)", ga4_seconds, ga4_counts["_rows"])
    opps = build_opportunities(cfg, world, ident["demo_us"], ident["sales_us"])
    crm_counts = write_crm(world, opps, raw)
    write_campaigns(camps, raw)
    first_opp = first_opportunity(opps, world.contacts.n)
    faults = {
        "sendgrid": _faults(sg_counts),
        "generic_csv": _faults(gen_counts),
        "ga4": _faults(ga4_counts),
        "mixpanel": _faults(mp_counts),
    }
    truth_counts = {
        "contacts": write_contacts(truth, world, ident["demo_us"], first_opp),
        "email_clicks": write_email_clicks(truth, world, camps, esp, keys),
        **write_web(truth, world, camps, plan, ga4, ident["identifiable"], mp),
        "faults": write_faults(truth, faults),
    }
    prog.stage("crm and truth", sum(truth_counts.values()), "rows")

    sendgrid_true = int((camps.esp[esp.campaign] == 0).sum())
    total = esp.n + ga4.n + mp.n
    manifest: dict[str, Any] = {
        "generator": f"clicktrail {__version__}",
        "seed": cfg.seed,
        "args": cfg.describe(),
        "window": {
            "start": iso_seconds([cfg.start_us])[0].as_py(),
            "end": iso_seconds([cfg.end_us])[0].as_py(),
        },
        "true_events": total,
        "files": {
            "sendgrid": {**_public(sg_counts), "true_events": sendgrid_true},
            "generic_csv": {**_public(gen_counts), "true_events": esp.n - sendgrid_true},
            "ga4": {**_public(ga4_counts), "true_events": ga4.n, "format": cfg.ga4_format},
            "mixpanel": {**_public(mp_counts), "true_events": mp.n},
            "campaigns": {"files": 1, "rows": camps.n},
            "crm_contacts": {"files": 1, "rows": crm_counts["contacts"]},
            "crm_opportunities": {"files": 1, "rows": crm_counts["opportunities"]},
        },
        "faults": faults,
        "truth": truth_counts,
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    manifest["elapsed_s"] = prog.done(total)
    return manifest
