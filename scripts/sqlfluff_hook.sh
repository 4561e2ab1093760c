#!/usr/bin/env bash
# pre-commit's sqlfluff hook: the files given, linted the way `make sqlfluff` and CI lint them
# (dbt templater, against an empty warehouse file so is_incremental() renders false), so the
# hook and CI cannot disagree (DECISIONLOG D-036).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p warehouse
CLICKTRAIL_DB_PATH=warehouse/sqlfluff.duckdb exec .venv/bin/sqlfluff lint \
    --disable-progress-bar --processes 2 "$@"
