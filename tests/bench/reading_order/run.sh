#!/bin/sh
# Reading order on the shared CV corpus: see check.py. Usage: run.sh BUILD_DIR
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
BUILD=${1:-build}
case "$BUILD" in /*) ;; *) BUILD="$root/$BUILD" ;; esac
CORPUS=${PF_CV_CORPUS:-$root/../shared/corpus/cv}
if [ ! -f "$CORPUS/manifest.json" ]; then
    echo "reading_order: no corpus at $CORPUS (set PF_CV_CORPUS); skipped"
    exit 0
fi
out=${PF_BENCH_OUT:-}
if [ -n "$out" ]; then
    python3 "$here/check.py" "$BUILD/src/personaforge" "$CORPUS" --markdown "$out/reading_order.md"
else
    python3 "$here/check.py" "$BUILD/src/personaforge" "$CORPUS"
fi
