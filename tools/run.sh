#!/bin/sh
# Installs what is missing, builds, and runs `personaforge serve` on SQLite (web UI included).
# Extra arguments go to `serve`, e.g. tools/run.sh --listen 0.0.0.0:8080
set -eu
cd "$(dirname "$0")/.."
tools/setup.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)"
exec ./build/src/personaforge serve "$@"
