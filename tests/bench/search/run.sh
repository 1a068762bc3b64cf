#!/bin/sh
# Search benchmark (issue 8): on PostgreSQL and on SQLite, seeds 10% of the target data
# (`personaforge dev seed`: 10,000 users, 100 teams, 100,000 personas, 50,000 CVs with raw
# text, 1,000,000 KB entries at 100%), measures GET /api/v1/search with wrk for three queries in
# the largest team's workspace — a rare word, a common word, a two-word phrase — and a plain list
# of the same workspace's personas as the reference, each at 16 connections and at one; then
# seeds the other 90% and measures again, both for the first team (same workspace, ten times the
# database) and for the new largest team (a workspace ten times bigger too). Prints p50, p99,
# requests/s and the ratio to the list, hit counts, index sizes and seeding times; writes the
# Markdown tables to $PF_BENCH_OUT/search.md.
# Usage: tests/bench/search/run.sh BUILD_DIR
# Knobs: PF_BENCH_SEARCH_SCALE (1 = the sizes above), PF_BENCH_SECONDS (10),
#        PF_BENCH_CONNECTIONS (16), PF_BENCH_BACKENDS ("pg sqlite").
set -eu
cd "$(dirname "$0")/../../.."
BUILD=${1:-build}
SCALE=${PF_BENCH_SEARCH_SCALE:-1}
SECONDS_EACH=${PF_BENCH_SECONDS:-10}
CONNECTIONS=${PF_BENCH_CONNECTIONS:-16}
BACKENDS=${PF_BENCH_BACKENDS:-pg sqlite}
PF=$BUILD/src/personaforge
OUT=${PF_BENCH_OUT:-}
for tool in wrk psql curl python3 sqlite3; do
    command -v $tool >/dev/null || { echo "bench search: $tool is not installed" >&2; exit 1; }
done

WORK=$(mktemp -d /tmp/pf-bench-search.XXXXXX)
chmod 777 "$WORK"
PGPORT=$(( 56000 + $$ % 1000 ))
PORT=$(( 57000 + $$ % 1000 ))
cleanup() {
    [ -n "${SERVER_PID:-}" ] && kill "$SERVER_PID" 2>/dev/null || true
    tools/pg.sh stop "$WORK/pg" >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

# n(count at 100%, fraction): the count at this scale and step.
n() { python3 -c "import sys; print(max(1, round($1 * $SCALE * $2)))"; }

RESULTS=$WORK/results.md
SIZES=$WORK/sizes.md
SEEDS=$WORK/seeds.md
: >"$RESULTS"; : >"$SIZES"; : >"$SEEDS"

# seed BACKEND URL LABEL FRACTION: grows the database; sets MEMBER (a member of the largest
# team of this run) and TEAM_SIZE.
seed() {
    start=$(date +%s.%N)
    "$PF" dev seed --database "$2" --users "$(n 10000 "$4")" --teams "$(n 100 "$4")" \
        --personas "$(n 100000 "$4")" --cvs "$(n 50000 "$4")" --kb "$(n 1000000 "$4")" \
        >"$WORK/seed.txt" 2>"$WORK/seed.err" || { cat "$WORK/seed.err" >&2; exit 1; }
    secs=$(python3 -c "import time; print(round(time.time() - $start, 1))")
    cat "$WORK/seed.txt"
    MEMBER=$(awk '/^largest team:/ {print $NF}' "$WORK/seed.txt")
    TEAM_SIZE=$(sed -n 's/^largest team: .* (\([0-9]*\) members).*/\1/p' "$WORK/seed.txt")
    echo "| $1 | $3 | $secs s | $(tr '\n' ' ' <"$WORK/seed.txt" | sed 's/seeded in.*//; s/|/\//g') |" >>"$SEEDS"
}

serve() {
    "$PF" serve --listen "127.0.0.1:$PORT" --database "$1" --data-dir "$WORK" \
        --set jobs_workers=0 --set log_level=warn >"$WORK/serve.log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 200); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && return; sleep 0.1; done
    cat "$WORK/serve.log" >&2
    exit 1
}

stop() {
    kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=
}

login() {
    curl -sf -XPOST "http://127.0.0.1:$PORT/api/v1/auth/login" -H 'Content-Type: application/json' \
        -d "{\"email\":\"$1\",\"password\":\"seed-password-1\"}" |
        python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'
}

# wrk_run URL TOKEN CONNECTIONS: a 2 s warm-up, then the measured run into $WORK/wrk.txt; sets
# P50, P99, RPS and ERRS.
wrk_run() {
    threads=$(( $3 < 2 ? 1 : 2 ))
    wrk -t$threads -c"$3" -d2s -H "Authorization: Bearer $2" "$1" >/dev/null 2>&1
    wrk -t$threads -c"$3" -d"${SECONDS_EACH}s" --latency -H "Authorization: Bearer $2" "$1" \
        >"$WORK/wrk.txt" 2>&1
    RPS=$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk.txt")
    P50=$(awk '$1 == "50%" {print $2}' "$WORK/wrk.txt")
    P99=$(awk '$1 == "99%" {print $2}' "$WORK/wrk.txt")
    ERRS=$(awk '/Non-2xx/ {print $5}' "$WORK/wrk.txt")
}

# measure BACKEND DATA WORKSPACE TOKEN EMAIL: the reference list, then the three searches, each at
# $CONNECTIONS connections and at one (latency without queueing). "× list" is the list's
# requests/s over the search's at $CONNECTIONS: how many list requests one search costs.
measure() {
    for entry in "reference: list personas|" "rare word|erlang" "common word|engineer" \
                 "two-word phrase|\"machine learning\""; do
        label=${entry%%|*}
        q=${entry#*|}
        if [ -n "$q" ]; then
            enc=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$q")
            url="http://127.0.0.1:$PORT/api/v1/search?q=$enc&limit=20"
            totals=$(curl -sf -H "Authorization: Bearer $4" "$url" |
                     python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)["totals"]))')
            hits=$(python3 -c 'import json,sys; print(sum(json.loads(sys.argv[1]).values()))' "$totals")
            # SQLite: the totals against the index read another way (check_totals.py says why).
            [ -z "$FILE" ] || python3 tests/bench/search/check_totals.py "$FILE" "$5" "$q" "$totals"
            label="$label: $q"
        else
            url="http://127.0.0.1:$PORT/api/v1/personas?limit=20"
            hits=20
        fi
        wrk_run "$url" "$4" "$CONNECTIONS"
        [ -n "$q" ] || LIST_RPS=$RPS
        ratio=$(python3 -c "print(f'{$LIST_RPS / $RPS:.1f}')")
        p50=$P50 p99=$P99 rps=$RPS errs=$ERRS
        wrk_run "$url" "$4" 1
        echo "$1 $2 $3 | $label: $hits hits; $CONNECTIONS connections: p50 $p50, p99 $p99," \
             "$rps req/s (${ratio}x list)${errs:+, $errs non-2xx}; 1 connection: p50 $P50," \
             "p99 $P99${ERRS:+, $ERRS non-2xx}"
        echo "| $1 | $2 | $3 | $label | $hits | $p50 | $p99 | $rps | $ratio | $P50 | $P99 |" >>"$RESULTS"
    done
}

sizes() {
    if [ "$1" = pg ]; then
        psql "$2" -qAtF' ' -c "SELECT c.relname, pg_relation_size(c.oid) FROM pg_class c
            WHERE c.relname LIKE '%search_idx' OR c.relname LIKE '%fuzzy_idx'
            UNION ALL SELECT 'database', pg_database_size(current_database())
            ORDER BY 1" >"$WORK/sizes.txt"
    else
        sqlite3 "$3" "SELECT name, sum(pgsize) FROM dbstat
            WHERE name LIKE '%_fts%' OR name LIKE '%_fuzzy%' GROUP BY name
            UNION ALL SELECT 'database', page_count * page_size FROM pragma_page_count, pragma_page_size
            ORDER BY 1" | tr '|' ' ' >"$WORK/sizes.txt"
    fi
    summary=$(awk '{printf "%s %.1f MB; ", $1, $2 / 1048576}' "$WORK/sizes.txt")
    echo "$1 $4 sizes: $summary"
    echo "| $1 | $4 | $summary |" >>"$SIZES"
}

for backend in $BACKENDS; do
    if [ "$backend" = pg ]; then
        PG_URL=$(tools/pg.sh start "$WORK/pg" "$PGPORT")
        psql "$PG_URL" -qc "CREATE DATABASE pf_bench_search"
        URL=$(echo "$PG_URL" | sed 's|/personaforge?|/pf_bench_search?|')
        FILE=
    else
        FILE="$WORK/search.db"
        URL="sqlite:$FILE"
    fi
    echo "== $backend: seeding 10%"
    seed "$backend" "$URL" "10%" 0.1
    FIRST=$MEMBER FIRST_SIZE=$TEAM_SIZE
    serve "$URL"
    measure "$backend" "10%" "team A ($FIRST_SIZE members)" "$(login "$FIRST")" "$FIRST"
    stop
    sizes "$backend" "$URL" "$FILE" "10%"
    echo "== $backend: seeding the other 90%"
    seed "$backend" "$URL" "100%" 0.9
    serve "$URL"
    measure "$backend" "100%" "team A ($FIRST_SIZE members)" "$(login "$FIRST")" "$FIRST"
    measure "$backend" "100%" "team B ($TEAM_SIZE members)" "$(login "$MEMBER")" "$MEMBER"
    stop
    sizes "$backend" "$URL" "$FILE" "100%"
done

REPORT=$WORK/search.md
{
    echo "## Search (GET /api/v1/search, wrk at $CONNECTIONS connections and at 1, ${SECONDS_EACH}s each)"
    echo
    echo "Team A is the largest team of the first (10%) seed; team B the largest of the second."
    echo "At 100% the database holds both seeds. wrk, the server and the database share the"
    echo "machine's $(nproc) cores. × list: the reference list's requests/s over the search's."
    echo
    echo "| backend | data | workspace | query | hits | p50 ($CONNECTIONS) | p99 ($CONNECTIONS) | req/s | × list | p50 (1) | p99 (1) |"
    echo "|---|---|---|---|---|---|---|---|---|---|---|"
    cat "$RESULTS"
    echo
    echo "| backend | data | index sizes |"
    echo "|---|---|---|"
    cat "$SIZES"
    echo
    echo "| backend | step | seeding time | rows |"
    echo "|---|---|---|---|"
    cat "$SEEDS"
} >"$REPORT"
cat "$REPORT"
[ -n "$OUT" ] && cp "$REPORT" "$OUT/search.md"
exit 0
