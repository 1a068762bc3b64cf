#!/bin/sh
# Fails when a banned string function (STYLE §8) appears in the project's C sources.
set -eu
cd "$(dirname "$0")/.."
pattern='\b(strcpy|strcat|sprintf|vsprintf|strncpy|strtok|atoi|atol|gets)[[:space:]]*\('
if git ls-files '*.c' '*.h' | xargs grep -nE "$pattern" | grep -v 'lint-ok'; then
    echo "lint_banned: banned function used (see STYLE.md §8)" >&2
    exit 1
fi
echo "lint_banned: clean"
