"""The pre-commit sqlfluff hook lints the way CI does (DECISIONLOG D-036).

The hook used to lint with the jinja templater and stubs for dbt; as the macros grew it failed
files CI passes. These tests run the hook that `.pre-commit-config.yaml` names on models whose
rendering needs dbt (run_started_at, vars the project validates, adapter calls) and on a file
with a style error.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]

# Each failed the jinja-templater hook: `run_started_at` undefined (loaded_at()), a `var()`
# placeholder failing the model's own check of its vars, `adapter.get_columns_in_relation`.
NEEDS_DBT = [
    "models/intermediate/sessions/int_web_events_sessionized.sql",
    "models/marts/journeys/fct_attribution.sql",
    "models/marts/leads/fct_lead_scores_daily.sql",
]


def _hook() -> dict[str, object]:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    hooks = [hook for repo in config["repos"] for hook in repo["hooks"]]
    (sqlfluff,) = [hook for hook in hooks if hook["id"] == "sqlfluff-lint"]
    return sqlfluff


def _hook_entry() -> list[str]:
    return str(_hook()["entry"]).split()


def _run_hook(files: list[str]) -> subprocess.CompletedProcess[str]:
    entry = _hook_entry()
    return subprocess.run(
        [str(ROOT / entry[0]), *entry[1:], *files],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )


def test_hook_is_the_dbt_templater_script() -> None:
    entry = _hook_entry()
    assert entry == ["scripts/sqlfluff_hook.sh"]
    assert "--templater jinja" not in (ROOT / entry[0]).read_text()


def test_hook_runs_in_one_invocation() -> None:
    # pre-commit splits many files over parallel invocations unless told not to; each would
    # open warehouse/sqlfluff.duckdb and all but one fail on DuckDB's file lock.
    assert _hook().get("require_serial") is True


def test_hook_passes_models_whose_rendering_needs_dbt() -> None:
    for path in NEEDS_DBT:
        assert (ROOT / path).exists(), path
    result = _run_hook(NEEDS_DBT)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def test_hook_fails_a_style_error() -> None:
    # An analysis: part of the dbt project (the templater compiles it), never built.
    probe = ROOT / "analyses" / "_precommit_hook_probe.sql"
    if probe.exists():
        pytest.fail(f"{probe} is left over from an earlier run; delete it")
    probe.write_text("SELECT 1 AS X\n")
    try:
        result = _run_hook([str(probe.relative_to(ROOT))])
    finally:
        probe.unlink()
    assert result.returncode != 0
    assert "CP01" in result.stdout
