#!/bin/sh
# The whole test suite — the README's test command and .ci/run. Installs what is missing, builds
# with -Werror, starts a throwaway PostgreSQL, runs every test against SQLite and PostgreSQL, then
# the same under ASan+UBSan, the browser tests, and the fuzz-corpus replay. Non-zero on any failure.
set -eu
cd "$(dirname "$0")/.."
ROOT=$(pwd)
JOBS=$(nproc)

tools/setup.sh

PGDIR=$(mktemp -d /tmp/pf-ci-pg.XXXXXX)
cleanup() {
    tools/pg.sh stop "$PGDIR" || true
    rm -rf "$PGDIR"
}
trap cleanup EXIT INT TERM
PF_TEST_PG_URL=$(tools/pg.sh start "$PGDIR" "${PF_TEST_PG_PORT:-55432}")
# CI never skips the PostgreSQL half: a missing URL fails the PostgreSQL tests instead.
export PF_TEST_PG_URL PF_TEST_PG_DIR="$PGDIR" PF_TEST_REQUIRE_PG=1
echo "test: PostgreSQL at $PF_TEST_PG_URL"

status=0
run_suite() {
    build=$1
    shift
    echo "== $build: configure and build"
    if ! cmake -S . -B "$build" -DPF_WERROR=ON "$@" >/dev/null ||
        ! cmake --build "$build" -j"$JOBS"; then
        echo "test: $build failed to build"
        status=1
        return
    fi
    echo "== $build: ctest (SQLite and PostgreSQL)"
    (cd "$build" && ctest --output-on-failure -j"$JOBS" -LE 'e2e') || status=1
}

run_suite build -DCMAKE_BUILD_TYPE=RelWithDebInfo
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
LSAN_OPTIONS=suppressions="$ROOT/tests/lsan.supp" \
    run_suite build-asan -DCMAKE_BUILD_TYPE=Debug -DPF_SANITIZE=address,undefined

if [ -d tests/e2e ] && [ -f tests/e2e/run.sh ]; then
    echo "== browser tests (Chromium)"
    tests/e2e/run.sh build || status=1
fi

tools/lint_banned.sh || status=1

echo "== generated files are up to date (make gen)"
tools/gen.sh build >/dev/null
if ! git diff --exit-code -- etc docs/config.md docs/openapi.json src/ingest/ingest_codepage.c \
    data/taxonomy/generated; then
    echo "test: generated files differ from the committed ones: run 'make gen' and commit"
    status=1
fi

if [ "$status" -ne 0 ]; then
    echo "test: FAILED"
else
    echo "test: all suites passed"
fi
exit "$status"
