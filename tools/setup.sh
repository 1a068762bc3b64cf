#!/bin/sh
# Installs what PersonaForge needs to build, run and test on Debian 12 (idempotent; run as root,
# or as a user with sudo). Only missing packages are installed; npm packages come from the lock.
set -eu
cd "$(dirname "$0")/.."

PACKAGES="
build-essential cmake pkg-config git ca-certificates clang clang-tools llvm libclang-rt-14-dev
libmicrohttpd-dev libjansson-dev libsqlite3-dev sqlite3 libpq-dev libsodium-dev libcurl4-openssl-dev
libmupdf-dev libjbig2dec0-dev libopenjp2-7-dev libgumbo-dev libmujs-dev libharfbuzz-dev
libfreetype-dev libjpeg-dev zlib1g-dev
libzip-dev libxml2-dev libcmark-dev libpango1.0-dev libcairo2-dev libstemmer-dev
fonts-dejavu-core fonts-liberation2 hunspell hunspell-en-us libhunspell-dev
postgresql postgresql-contrib
chromium python3 python3-jinja2 wrk poppler-utils libreoffice-writer-nogui valgrind
"

missing=""
for pkg in $PACKAGES; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $pkg"
    fi
done

# Node.js and npm: any installation will do (Debian's, or one already on the machine).
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    missing="$missing nodejs npm"
fi

if [ -n "$missing" ]; then
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    echo "setup: installing:$missing"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
fi

# Build- and test-time npm packages, pinned by package-lock.json.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund --loglevel=error
fi
