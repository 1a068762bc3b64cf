#!/bin/sh
# Parser throughput: PDF CVs per CPU-second end to end (ingest + parse + JSON) on one core, and its
# ratio to bare extraction (ingest only) measured in the same run. Uses the shared CV corpus's
# PDFs when present (PF_CV_CORPUS), else the project's own fixtures. Usage: run.sh BUILD_DIR
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
BUILD=${1:-build}
case "$BUILD" in /*) ;; *) BUILD="$root/$BUILD" ;; esac
CORPUS=${PF_CV_CORPUS:-$root/../shared/corpus/cv}
bin="$BUILD/tests/bench/parse/bench_parse"
if [ ! -x "$bin" ]; then
    echo "parse: $bin not built; skipped"
    exit 0
fi
if [ -f "$CORPUS/manifest.json" ]; then
    set -- $(find "$CORPUS" -name '*.pdf' | sort)
    source="shared CV corpus ($# PDFs)"
else
    set -- $(find "$root/tests/golden/parse" -name '*.pdf' | sort)
    source="golden fixtures ($# PDFs)"
fi
result=$(taskset -c 0 "$bin" "$@" 2>/dev/null || "$bin" "$@")
ingest=${result% *}
parse=${result#* }
ratio=$(awk -v a="$parse" -v b="$ingest" 'BEGIN { printf "%.2f", a / b }')
echo "parse: $source: ingest only $ingest docs/s, ingest + parse $parse docs/s (ratio $ratio)"
out=${PF_BENCH_OUT:-}
if [ -n "$out" ]; then
    {
        echo "## parse: PDF CVs per second, one core"
        echo
        echo "| input | ingest only (docs/s) | ingest + parse (docs/s) | ratio |"
        echo "|---|---|---|---|"
        echo "| $source | $ingest | $parse | $ratio |"
    } >"$out/parse.md"
fi
