#!/bin/sh
# Load test (issue 10): a realistic mix driven by wrk and Lua for PF_LOAD_SECONDS (60) at 64
# connections, on SQLite and on PostgreSQL: persona reads and lists, edits, searches, gap
# reports, exports, knowledge-base reads, and uploads at a lower rate. One wrk per route (its
# share of the 64 connections), all at once, so each route gets its own p50/p99. Checks: no 5xx,
# no RSS growth after warm-up, no database connection left in use. Exit 1 when a check fails.
# Usage: tests/bench/load/run.sh BUILD_DIR [sqlite|pg ...]
set -eu
cd "$(dirname "$0")/../../.."
ROOT=$(pwd)
BUILD=${1:-build}
[ $# -gt 0 ] && shift
BACKENDS=${*:-"sqlite pg"}
SECONDS_RUN=${PF_LOAD_SECONDS:-60}
PF=$ROOT/$BUILD/src/personaforge
export PF_LOAD_DIR=$ROOT/tests/bench/load
WORK=$(mktemp -d /tmp/pf-load.XXXXXX)
chmod 777 "$WORK"
cleanup() {
    [ -n "${SERVER:-}" ] && kill "$SERVER" 2>/dev/null || true
    tools/pg.sh stop "$WORK/pg" >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM
failed=0
MD="$WORK/table.md"
: >"$MD"

api() { # METHOD PATH [JSON]
    if [ $# -gt 2 ]; then
        curl -sf -X "$1" "http://127.0.0.1:$PORT$2" -H "Authorization: Bearer $TOKEN" \
            -H 'Content-Type: application/json' -d "$3"
    else
        curl -sf -X "$1" "http://127.0.0.1:$PORT$2" -H "Authorization: Bearer $TOKEN"
    fi
}
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

for backend in $BACKENDS; do
    if [ "$backend" = pg ]; then
        URL=$(tools/pg.sh start "$WORK/pg" $(( 56900 + $$ % 90 )))
    else
        URL="sqlite:$WORK/load.db"
    fi
    PORT=$(( 57900 + $$ % 90 ))
    "$PF" serve --listen "127.0.0.1:$PORT" --database "$URL" --data-dir "$WORK" \
        --set http_threads=8 --set jobs_workers=2 --set log_level=warn \
        --set password_hash_ops=1 --set password_hash_mem=8192 \
        --set plan_free_cvs=1000000 --set plan_free_personas=1000000 \
        --set plan_free_reports=1000000 >"$WORK/serve-$backend.log" 2>&1 &
    SERVER=$!
    for _ in $(seq 300); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
    curl -sf -XPOST "http://127.0.0.1:$PORT/api/v1/auth/register" -H 'Content-Type: application/json' \
        -d '{"email":"load@example.com","password":"load-test-password","name":"Load"}' >/dev/null ||
        { echo "load: the server on $backend did not come up:"; tail -20 "$WORK/serve-$backend.log"; exit 1; }
    TOKEN=$(curl -sf -XPOST "http://127.0.0.1:$PORT/api/v1/auth/login" -H 'Content-Type: application/json' \
        -d '{"email":"load@example.com","password":"load-test-password"}' | json '["token"]')
    export PF_LOAD_TOKEN=$TOKEN
    CV=$(curl -sf -H "Authorization: Bearer $TOKEN" -F "file=@tests/golden/parse/one_column.pdf" \
        "http://127.0.0.1:$PORT/api/v1/cvs" | json '["id"]')
    for _ in $(seq 100); do
        [ "$(api GET /api/v1/cvs/$CV | json '["status"]')" = parsed ] && break
        sleep 0.1
    done
    PERSONA=$(api POST /api/v1/personas "{\"base_cv_id\":\"$CV\"}" | json '["id"]')
    printf '{"summary":"Edited under load, round {i}."}' >"$WORK/patch.json"
    printf '{"type":"general"}' >"$WORK/gap.json"
    printf 'Jordan Load\njordan@example.com\n\nEXPERIENCE\nEngineer, Initech, 2019 - Present\n- Shipped Python services\n\nSKILLS\nPython, SQL\n' >"$WORK/cv.txt"

    # route name | connections | method | path | body file | content type
    cat >"$WORK/mix" <<MIX
persona_get|20|GET|/api/v1/personas/$PERSONA||
persona_list|8|GET|/api/v1/personas?limit=20||
persona_edit|6|PATCH|/api/v1/personas/$PERSONA|$WORK/patch.json|application/json
search|10|GET|/api/v1/search?q=python%20engineer||
gap_report|6|POST|/api/v1/personas/$PERSONA/gap-reports|$WORK/gap.json|application/json
export_pdf|6|GET|/api/v1/personas/$PERSONA/export?template=classic&format=pdf||
export_md|4|GET|/api/v1/personas/$PERSONA/export?template=modern&format=md||
kb_entries|2|GET|/api/v1/kb/entries?limit=50||
upload|2|POST|/api/v1/cvs?filename=load-{i}.txt|$WORK/cv.txt|text/plain
MIX
    rss() { awk '/VmRSS/ {print $2}' "/proc/$SERVER/status"; }
    ( i=0; while [ $i -lt $((SECONDS_RUN / 5 + 1)) ]; do echo "$(rss)" >>"$WORK/rss-$backend"; sleep 5; i=$((i + 1)); done ) &
    SAMPLER=$!
    pids=""
    while IFS='|' read -r name conns method path body ctype; do
        PF_LOAD_METHOD=$method PF_LOAD_PATH=$path PF_LOAD_BODY=$body PF_LOAD_CONTENT_TYPE=$ctype \
            wrk -t1 -c"$conns" -d"${SECONDS_RUN}s" --latency -s "$PF_LOAD_DIR/route.lua" \
            "http://127.0.0.1:$PORT" >"$WORK/wrk-$backend-$name.txt" 2>&1 &
        pids="$pids $!"
    done <"$WORK/mix"
    for p in $pids; do wait "$p" || true; done
    wait "$SAMPLER" 2>/dev/null || true
    sleep 1

    in_use=$(curl -sf "http://127.0.0.1:$PORT/metrics" | awk '/^pf_db_pool_in_use/ {print $2}')
    pool=$(curl -sf "http://127.0.0.1:$PORT/metrics" | awk '/^pf_db_pool_connections/ {print $2}')
    backends="-"
    if [ "$backend" = pg ]; then
        backends=$(psql "$URL" -Atc "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")
    fi
    warm=$(sed -n 4p "$WORK/rss-$backend")
    last=$(tail -1 "$WORK/rss-$backend")
    growth=$(python3 -c "print(f'{($last - $warm) * 100 / $warm:+.1f}')")
    total_rps=0
    total5xx=0
    echo "== $backend: $SECONDS_RUN s, 64 connections"
    SECTION="$WORK/table-$backend.md"
    {
        echo "### Load on $backend ($SECONDS_RUN s, 64 connections, 8 HTTP threads, 2 job workers)"
        echo
        echo "| route | connections | req/s | p50 | p99 | 2xx | 4xx | 5xx |"
        echo "|---|---|---|---|---|---|---|---|"
    } >"$SECTION"
    while IFS='|' read -r name conns method path body ctype; do
        f="$WORK/wrk-$backend-$name.txt"
        rps=$(awk '/Requests\/sec/ {print $2}' "$f")
        set -- $(sed -n 's/^STATUS 2xx=\([0-9]*\) 4xx=\([0-9]*\) 5xx=\([0-9]*\).*/\1 \2 \3/p' "$f")
        p=$(sed -n 's/^LATENCY p50=\([0-9.]*ms\) p99=\([0-9.]*ms\)/\1 \2/p' "$f")
        echo "| $name | $conns | $rps | ${p% *} | ${p#* } | $1 | $2 | $3 |" >>"$SECTION"
        total5xx=$((total5xx + $3))
        total_rps=$(python3 -c "print(round($total_rps + ${rps:-0}, 1))")
    done <"$WORK/mix"
    {
        echo
        echo "Total $total_rps req/s; 5xx: $total5xx. RSS $((warm / 1024)) MB after warm-up (15 s), $((last / 1024)) MB at the end ($growth%). Database connections in use after the run: $in_use of $pool in the pool; server backends seen by PostgreSQL: $backends."
        echo
    } >>"$SECTION"
    cat "$SECTION"
    cat "$SECTION" >>"$MD"
    [ "$total5xx" -eq 0 ] || { echo "load: 5xx answers on $backend"; failed=1; }
    [ "$in_use" = 0 ] || { echo "load: $in_use connection(s) still in use"; failed=1; }
    python3 -c "import sys; sys.exit(0 if $last <= $warm * 1.10 else 1)" ||
        { echo "load: RSS grew by more than 10% after warm-up"; failed=1; }
    kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=
    [ "$backend" = pg ] && tools/pg.sh stop "$WORK/pg" >/dev/null
done
if [ -n "${PF_BENCH_OUT:-}" ]; then
    { echo "## Load"; echo; cat "$MD"; } >"$PF_BENCH_OUT/load.md"
fi
exit $failed
