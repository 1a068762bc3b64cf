#!/bin/sh
# Matcher benchmark: taxonomy build time and memory, matching throughput (MB/s) against a
# tokeniser-only pass and a memchr scan of the same text in the same run. The corpus is the job
# postings in ../shared/corpus/jd when present (measuring only, never copied), else built-in text.
#   tests/bench/kb/run.sh BUILD_DIR
set -eu
cd "$(dirname "$0")/../../.."
BUILD=${1:-build}
OUT=${PF_BENCH_OUT:-.}
BIN=$BUILD/tests/bench/bench_kb
[ -x "$BIN" ] || cmake --build "$BUILD" --target bench_kb >/dev/null
CORPUS=""
JD=../shared/corpus/jd/postings
if [ -d "$JD" ]; then
    CORPUS=$(mktemp)
    cat "$JD"/*.md >"$CORPUS"
fi
RESULT=$("$BIN" $CORPUS "${PF_BENCH_KB_MB:-64}")
[ -n "$CORPUS" ] && rm -f "$CORPUS"
echo "$RESULT"
get() { echo "$RESULT" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
{
    echo "## Knowledge base: taxonomy matcher over job postings"
    echo
    echo "| kb | value | reference | ratio |"
    echo "|---|---|---|---|"
    echo "| matcher throughput (CPU time) | $(get match_mb_s) MB/s (wall $(get match_wall_mb_s) MB/s) | tokeniser only $(get tokenize_mb_s) MB/s | $(get match_vs_tokenize) |"
    echo "| matcher vs byte scan | $(get match_mb_s) MB/s | memchr $(get memchr_mb_s) MB/s | $(get match_vs_memchr) |"
    echo "| taxonomy build | $(get build_ms_best) ms (first $(get build_ms_first) ms) | $(get concepts) concepts, $(get patterns) patterns | |"
    echo "| index memory | $(get index_bytes) bytes | RSS growth $(get rss_growth_kib) KiB | |"
} >"$OUT/kb.md"
