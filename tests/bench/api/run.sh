#!/bin/sh
# API benchmark (issue 2): in one run, on this machine,
#   GET /api/v1/personas/{id} on PostgreSQL   vs  pgbench -S on the same server,
#   GET /healthz                              vs  a bare libmicrohttpd reply,
# with wrk at CONNECTIONS connections for SECONDS each; prints requests/s, p50/p99 and ratios,
# and the server's RSS. Usage: tests/bench/api/run.sh BUILD_DIR
set -eu
cd "$(dirname "$0")/../../.."
BUILD=${1:-build}
SECONDS_EACH=${PF_BENCH_SECONDS:-10}
CONNECTIONS=${PF_BENCH_CONNECTIONS:-64}
THREADS=${PF_BENCH_HTTP_THREADS:-8}
PF=$BUILD/src/personaforge
BARE=$BUILD/tests/bench/bench_bare_mhd
OUT=${PF_BENCH_OUT:-}
for tool in wrk pgbench psql; do
    command -v $tool >/dev/null || { echo "bench api: $tool is not installed" >&2; exit 1; }
done

WORK=$(mktemp -d /tmp/pf-bench-api.XXXXXX)
chmod 777 "$WORK"
PGPORT=$(( 56000 + $$ % 1000 ))
cleanup() {
    [ -n "${SERVER_PID:-}" ] && kill "$SERVER_PID" 2>/dev/null || true
    [ -n "${BARE_PID:-}" ] && kill "$BARE_PID" 2>/dev/null || true
    tools/pg.sh stop "$WORK/pg" >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM
URL=$(tools/pg.sh start "$WORK/pg" "$PGPORT")

# wrk prints "Requests/sec: N" and, with --latency, "50% 1.23ms" / "99% 4.56ms".
wrk_run() {
    wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" --latency "$@" >"$WORK/wrk.txt" 2>&1
    RPS=$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk.txt")
    P50=$(awk '$1 == "50%" {print $2}' "$WORK/wrk.txt")
    P99=$(awk '$1 == "99%" {print $2}' "$WORK/wrk.txt")
    ERRS=$(awk '/Non-2xx/ {print $5}' "$WORK/wrk.txt")
}

echo "== pgbench -S ($CONNECTIONS clients, ${SECONDS_EACH}s)"
DBHOST="$WORK/pg"
if [ "$(id -u)" -eq 0 ]; then RUN="runuser -u postgres --"; else RUN=""; fi
$RUN pgbench -h "$DBHOST" -p "$PGPORT" -U postgres -i -s 10 -q personaforge >/dev/null 2>&1
PGB=$($RUN pgbench -h "$DBHOST" -p "$PGPORT" -U postgres -S -c "$CONNECTIONS" -j 2 \
      -T "$SECONDS_EACH" personaforge 2>/dev/null | awk '/^tps/ {print $3; exit}')
echo "pgbench -S: $PGB tps"

PORT=$(( 57000 + $$ % 1000 ))
"$PF" serve --listen "127.0.0.1:$PORT" --database "$URL" --data-dir "$WORK" \
    --set http_threads="$THREADS" --set jobs_workers=0 --set log_level=warn \
    --set password_hash_ops=1 --set password_hash_mem=8192 >"$WORK/serve.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
curl -sf -XPOST "http://127.0.0.1:$PORT/api/v1/auth/register" -H 'Content-Type: application/json' \
    -d '{"email":"bench@example.com","password":"benchmark-password","name":"Bench"}' >/dev/null
TOKEN=$(curl -sf -XPOST "http://127.0.0.1:$PORT/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d '{"email":"bench@example.com","password":"benchmark-password"}' |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
PERSONA=$(curl -sf -XPOST "http://127.0.0.1:$PORT/api/v1/personas" -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/json' \
    -d '{"title":"Staff Backend Engineer","summary":"Distributed systems","tags":["go","sql"],"data":{"basics":{"label":"Staff Engineer"}}}' |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')

echo "== GET /api/v1/personas/{id} on PostgreSQL"
wrk_run -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/v1/personas/$PERSONA"
P_RPS=$RPS P_P50=$P50 P_P99=$P99 P_ERR=${ERRS:-0}
echo "persona read: $P_RPS req/s, p50 $P_P50, p99 $P_P99, non-2xx ${P_ERR}"

echo "== GET /healthz"
wrk_run "http://127.0.0.1:$PORT/healthz"
H_RPS=$RPS H_P50=$P50 H_P99=$P99
RSS_KB=$(awk '/VmRSS/ {print $2}' "/proc/$SERVER_PID/status")
echo "healthz: $H_RPS req/s, p50 $H_P50, p99 $H_P99; server RSS $((RSS_KB / 1024)) MB"
kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=

BPORT=$(( 58000 + $$ % 1000 ))
"$BARE" "$BPORT" "$THREADS" & BARE_PID=$!
sleep 0.3
echo "== bare libmicrohttpd reply"
wrk_run "http://127.0.0.1:$BPORT/"
B_RPS=$RPS B_P50=$P50 B_P99=$P99
echo "bare: $B_RPS req/s, p50 $B_P50, p99 $B_P99"
kill "$BARE_PID"; wait "$BARE_PID" 2>/dev/null || true; BARE_PID=

RATIO_DB=$(python3 -c "print(f'{$P_RPS / $PGB:.2f}')")
RATIO_H=$(python3 -c "print(f'{$H_RPS / $B_RPS:.2f}')")
echo "persona read / pgbench -S = $RATIO_DB;  /healthz / bare MHD = $RATIO_H"
[ -n "$OUT" ] || exit 0
{
    echo "## API ($CONNECTIONS connections, ${SECONDS_EACH}s each, $THREADS HTTP threads, PostgreSQL)"
    echo
    echo "| measure | PersonaForge | reference | ratio |"
    echo "|---|---|---|---|"
    echo "| GET /api/v1/personas/{id} req/s vs pgbench -S tps | $P_RPS (p50 $P_P50, p99 $P_P99) | $PGB | $RATIO_DB |"
    echo "| GET /healthz req/s vs bare libmicrohttpd | $H_RPS (p50 $H_P50, p99 $H_P99) | $B_RPS (p50 $B_P50, p99 $B_P99) | $RATIO_H |"
    echo "| server RSS after the runs | $((RSS_KB / 1024)) MB | goal < 50 MB | |"
} >"$OUT/api.md"
