#!/bin/sh
# Rewrites the committed generated files from their single sources (`make gen`).
set -eu
cd "$(dirname "$0")/.."
BUILD=${1:-build}
PF=./$BUILD/src/personaforge
$PF gen config-example etc/personaforge.conf.example
$PF gen config-doc docs/config.md
$PF gen openapi docs/openapi.json
echo "gen: done"
