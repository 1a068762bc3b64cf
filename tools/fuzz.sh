#!/bin/sh
# Runs every libFuzzer target built in BUILD for SECONDS each, on a scratch copy of its corpus,
# then prints executions and coverage per target. New crashers land in tests/fuzz/regressions/.
set -eu
cd "$(dirname "$0")/.."
BUILD=${1:-build-fuzz}
SECONDS_EACH=${2:-60}
status=0
export LSAN_OPTIONS="suppressions=$(pwd)/tests/lsan.supp"
for bin in "$BUILD"/tests/fuzz/fuzz_*; do
    [ -x "$bin" ] || continue
    name=$(basename "$bin" | sed 's/^fuzz_//')
    work=$(mktemp -d)
    cp -r "tests/fuzz/corpus/$name/." "$work/" 2>/dev/null || true
    dict=""
    [ -f "tests/fuzz/$name.dict" ] && dict="-dict=tests/fuzz/$name.dict"
    mkdir -p "tests/fuzz/regressions/$name"
    echo "== fuzz $name for ${SECONDS_EACH}s"
    if ! "$bin" "$work" $dict -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="tests/fuzz/regressions/$name/" -print_final_stats=1 2>"$work.log"; then
        status=1
        echo "fuzz $name: FAILED (see tests/fuzz/regressions/$name/)"
    fi
    grep -E '^stat::number_of_executed_units|cov: ' "$work.log" | tail -2
    rm -rf "$work" "$work.log"
done
exit $status
