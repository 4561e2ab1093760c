#!/usr/bin/env bash
# sqlfluff on the files or folders given, with the dbt templater against an empty warehouse
# file (so is_incremental() renders false). `make sqlfluff` (CI) and the pre-commit hook both
# run this script, so they cannot disagree (DECISIONLOG D-036).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p warehouse
CLICKTRAIL_DB_PATH=warehouse/sqlfluff.duckdb exec .venv/bin/sqlfluff lint \
    --disable-progress-bar --processes 2 "$@"
