#!/bin/sh
# Parse accuracy: field-level precision, recall and F1 of `personaforge parse` against the shared
# corpus's JSON Resume ground truth, scored by ../shared/eval/score_cv.py, per format.
# Skipped (exit 0) when ../shared is not there. Usage: run.sh BUILD_DIR
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
BUILD=${1:-build}
case "$BUILD" in /*) ;; *) BUILD="$root/$BUILD" ;; esac
SHARED=${PF_SHARED:-$root/../shared}
SCORER=$SHARED/eval/score_cv.py
MANIFEST=$SHARED/corpus/cv/manifest.json
if [ ! -f "$SCORER" ] || [ ! -f "$MANIFEST" ]; then
    echo "accuracy: $SCORER or $MANIFEST not found; skipped"
    exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rows=""
for format in pdf docx; do
    python3 "$SCORER" --manifest "$MANIFEST" --cmd "$BUILD/src/personaforge parse {file}" \
        --format "$format" --no-extras --json "$work/$format.json" >"$work/$format.txt"
    row=$(python3 - "$work/$format.json" "$format" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
o = s["overall"]
docs = len(s.get("documents", s.get("resumes", [])))
t = s.get("timing_ms", {})
print(f"| {sys.argv[2]} | {o['precision']:.3f} | {o['recall']:.3f} | **{s['overall_f1']:.3f}** "
      f"| {s['group_macro_f1']:.3f} | {o['tp']} / {o['fp']} / {o['fn']} | {t.get('median', 0):.0f} ms |")
PY
)
    echo "accuracy: $row"
    rows="$rows$row
"
done
out=${PF_BENCH_OUT:-}
if [ -n "$out" ]; then
    {
        echo "## Parse accuracy (score_cv.py on ../shared/corpus/cv)"
        echo
        echo "| format | precision | recall | F1 | group macro F1 | TP / FP / FN | median time per document |"
        echo "|---|---|---|---|---|---|---|"
        printf '%s' "$rows"
    } >"$out/accuracy.md"
fi
