#!/bin/sh
# A throwaway PostgreSQL cluster for tests: `tools/pg.sh start DIR [PORT]` prints the URL to use,
# `tools/pg.sh stop DIR`. Uses Debian's postgresql binaries; runs as the postgres user when
# started as root (PostgreSQL refuses to run as root). Listens only on a Unix socket in DIR.
set -eu
action=$1
dir=$2
port=${3:-55432}
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bindir" ] || { echo "pg.sh: PostgreSQL server binaries not found (apt install postgresql)" >&2; exit 1; }

run() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

case "$action" in
start)
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
    if [ ! -f "$dir/data/PG_VERSION" ]; then
        run "$bindir/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1
    fi
    run "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-k $dir -p $port -c listen_addresses='' -c fsync=off -c max_connections=300 -c shared_buffers=128MB" start >/dev/null
    run "$bindir/psql" -h "$dir" -p "$port" -U postgres -d postgres -qAtc \
        "SELECT 1 FROM pg_database WHERE datname='personaforge'" | grep -q 1 ||
        run "$bindir/createdb" -h "$dir" -p "$port" -U postgres personaforge
    echo "postgresql://postgres@/personaforge?host=$dir&port=$port"
    ;;
stop)
    if [ -f "$dir/data/postmaster.pid" ]; then
        run "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    fi
    ;;
restart)
    run "$bindir/pg_ctl" -D "$dir/data" -m fast -w \
        -o "-k $dir -p $port -c listen_addresses='' -c fsync=off -c max_connections=300" restart >/dev/null
    ;;
*)
    echo "usage: pg.sh start|stop|restart DIR [PORT]" >&2
    exit 2
    ;;
esac
