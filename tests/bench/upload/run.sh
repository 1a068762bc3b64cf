#!/bin/sh
# Upload-to-parsed latency under 50 concurrent uploads, on SQLite and on PostgreSQL, in one run
# (our own PDF and DOCX fixtures, so it needs nothing outside the repository).
# Usage: tests/bench/upload/run.sh BUILD_DIR
set -eu
cd "$(dirname "$0")/../../.."
BUILD=${1:-build}
PF=$(pwd)/$BUILD/src/personaforge
WORK=$(mktemp -d /tmp/pf-bench-upload.XXXXXX)
chmod 777 "$WORK"
trap 'tools/pg.sh stop "$WORK/pg" >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT INT TERM
MD="$WORK/rows.md"
python3 tests/bench/upload/upload_latency.py "$PF" "sqlite:$WORK/bench.db" --md "$MD"
URL=$(tools/pg.sh start "$WORK/pg" $(( 56500 + $$ % 400 )))
python3 tests/bench/upload/upload_latency.py "$PF" "$URL" --md "$MD"
if [ -n "${PF_BENCH_OUT:-}" ]; then
    {
        echo "## Upload to parsed (50 concurrent uploads)"
        echo
        echo "| backend | uploads | job workers | p50 | p99 | documents/s |"
        echo "|---|---|---|---|---|---|"
        cat "$MD"
    } >"$PF_BENCH_OUT/upload.md"
fi
