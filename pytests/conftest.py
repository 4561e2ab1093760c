"""Shared fixtures: a generated fixture world and a DuckDB warehouse built from it by dbt.

The world is generated once per test session; `dbt build` (models, seeds, data tests and
unit tests) runs once on it, and the end-to-end suites read the resulting warehouse.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
FIXTURE_ARGS = ["--contacts", "300", "--days", "28", "--seed", "11"]


def dbt_env(raw_path: Path, db_path: Path, **extra: str) -> dict[str, str]:
    """Environment for a dbt run isolated in its own database and raw folder."""
    env = dict(os.environ)
    env.update(
        {
            "CLICKTRAIL_RAW_PATH": str(raw_path),
            "CLICKTRAIL_DB_PATH": str(db_path),
            "CLICKTRAIL_DUCKDB_TEMP_DIR": str(db_path.parent / "tmp"),
            "DBT_PROFILES_DIR": str(ROOT),
            "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
        }
    )
    env.update(extra)
    return env


def run_dbt(args: list[str], env: dict[str, str], work: Path) -> subprocess.CompletedProcess[str]:
    """Run dbt from the project root with its own target and log folders under `work`."""
    cmd = [
        str(BIN / "dbt"),
        *args,
        "--target-path",
        str(work / "target"),
        "--log-path",
        str(work / "logs"),
    ]
    return subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=False)


def generate_world(out: Path, args: list[str]) -> Path:
    """Generate a demo world with the project's CLI and return its folder."""
    cmd = [str(BIN / "clicktrail"), "generate", *args, "--out", str(out), "--quiet"]
    subprocess.run(cmd, check=True, cwd=ROOT)
    return out


@pytest.fixture(scope="session")
def fixture_world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate_world(tmp_path_factory.mktemp("world"), FIXTURE_ARGS)


@pytest.fixture(scope="session")
def built_warehouse(fixture_world: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("dbt")
    db_path = work / "clicktrail.duckdb"
    result = run_dbt(["build"], dbt_env(fixture_world / "raw", db_path), work)
    if result.returncode != 0:
        failures = [
            line for line in result.stdout.splitlines() if "ERROR" in line or "FAIL" in line
        ]
        pytest.fail("dbt build failed on the fixture world:\n" + "\n".join(failures[-40:]))
    return db_path


@pytest.fixture(scope="session")
def warehouse(built_warehouse: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    con = duckdb.connect(str(built_warehouse), read_only=True)
    yield con
    con.close()


@pytest.fixture(scope="session")
def truth(fixture_world: Path) -> Path:
    return fixture_world / "truth"
