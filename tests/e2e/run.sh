#!/bin/sh
# Browser tests (tools/test.sh and CI): tests/e2e/run.sh [BUILD_DIR]. Starts its own
# `personaforge serve` from BUILD_DIR on a fresh SQLite database and a free port, drives Debian's
# Chromium through playwright-core, saves screenshots in tests/e2e/artifacts/ and ends with
# "N passed, N failed" (exit status 1 when anything failed).
set -eu
cd "$(dirname "$0")/../.."
BUILD=${1:-build}
BIN="$BUILD/src/personaforge"
[ -x "$BIN" ] || { echo "e2e: $BIN not found: build first" >&2; exit 2; }
[ -x "${PF_CHROMIUM:-/usr/bin/chromium}" ] || { echo "e2e: chromium not found (apt install chromium)" >&2; exit 2; }
if [ ! -d node_modules/playwright-core ]; then
    npm ci --no-audit --no-fund --loglevel=error
fi
rm -rf tests/e2e/artifacts
mkdir -p tests/e2e/artifacts
exec node tests/e2e/e2e.mjs "$BIN"
