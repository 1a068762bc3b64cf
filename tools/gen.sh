#!/bin/sh
# Rewrites the committed generated files from their single sources (`make gen`).
set -eu
cd "$(dirname "$0")/.."
BUILD=${1:-build}
PF=./$BUILD/src/personaforge
$PF gen config-example etc/personaforge.conf.example
$PF gen config-doc docs/config.md
$PF gen openapi docs/openapi.json
python3 tools/gen_codepages.py > src/ingest/ingest_codepage.c
if [ -d node_modules/linguist-languages ] && [ -d node_modules/devicon ]; then
    node tools/taxonomy_gen.mjs --out data/taxonomy/generated
fi
echo "gen: done"
