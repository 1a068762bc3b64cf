#!/bin/sh
# Benchmark: PDF and DOCX export of a realistic two-page persona (the sample persona through the
# classic template), timed in-process (median of RUNS after a warm-up) and as a cold CLI process,
# against Chromium printing the HTML export of the same persona to PDF, timed in the same run.
# Usage: tests/bench/render/run.sh BUILD  (writes $PF_BENCH_OUT/render.md when PF_BENCH_OUT is set)
set -eu
cd "$(dirname "$0")/../../.."
BUILD=${1:-build}
RUNS=${PF_BENCH_RUNS:-30}
CHROME_RUNS=${PF_BENCH_CHROME_RUNS:-10}
TEMPLATE=${PF_BENCH_TEMPLATE:-classic}
PERSONA=data/templates/sample-persona.json
PF=$BUILD/src/personaforge
BENCH=$BUILD/tests/bench/render/bench_render
[ -x "$BENCH" ] || { echo "bench render: build $BENCH first"; exit 2; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

median() { sort -n | awk '{a[NR]=$1} END {if (NR == 0) print "nan"; else print a[int((NR+1)/2)]}'; }
now_ms() { date +%s%N | awk '{printf "%.3f\n", $1/1e6}'; }
# CPU milliseconds (user + system) of a command and the children it waits for, appended to $1;
# wall time on a shared machine mostly measures the other work on it.
TIME=/usr/bin/time
[ -x "$TIME" ] || TIME=""
cpu_run() {
    out=$1
    shift
    if [ -n "$TIME" ]; then
        "$TIME" -f "%U %S" -o "$WORK/time.txt" "$@"
        awk '{printf "%.1f\n", ($1 + $2) * 1000}' "$WORK/time.txt" >>"$out"
    else
        "$@"
    fi
}

echo "== in-process: $RUNS renders of $PERSONA with '$TEMPLATE' (3 warm-up renders first)"
"$BENCH" "$PERSONA" "$TEMPLATE" "$RUNS" | tee "$WORK/inproc.txt"
pdf_ms=$(awk '$1 == "pdf" {sub("median_ms=", "", $2); print $2}' "$WORK/inproc.txt")
docx_ms=$(awk '$1 == "docx" {sub("median_ms=", "", $2); print $2}' "$WORK/inproc.txt")
html_ms=$(awk '$1 == "html" {sub("median_ms=", "", $2); print $2}' "$WORK/inproc.txt")
pdf_cpu=$(awk '$1 == "pdf" {sub("cpu_median_ms=", "", $4); print $4}' "$WORK/inproc.txt")
docx_cpu=$(awk '$1 == "docx" {sub("cpu_median_ms=", "", $4); print $4}' "$WORK/inproc.txt")
load=$(cut -d' ' -f1-3 /proc/loadavg)

"$PF" render "$PERSONA" --template "$TEMPLATE" -o "$WORK/cv.pdf"
pages=$(pdfinfo "$WORK/cv.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
echo "   the PDF has ${pages:-?} pages"

echo "== cold CLI process: $RUNS x 'personaforge render --format pdf' (process start, fontconfig)"
i=0
: >"$WORK/cli.txt"
while [ $i -lt "$RUNS" ]; do
    t0=$(now_ms)
    cpu_run "$WORK/cli-cpu.txt" "$PF" render "$PERSONA" --template "$TEMPLATE" -o "$WORK/cli.pdf"
    t1=$(now_ms)
    echo "$t1 $t0" | awk '{printf "%.2f\n", $1 - $2}' >>"$WORK/cli.txt"
    i=$((i + 1))
done
cli_ms=$(median <"$WORK/cli.txt")
cli_cpu=$(median <"$WORK/cli-cpu.txt" 2>/dev/null || echo nan)
echo "   median ${cli_ms} ms wall, ${cli_cpu} ms CPU"

chrome=""
for name in chromium chromium-browser google-chrome; do
    command -v "$name" >/dev/null 2>&1 && { chrome=$name; break; }
done
chrome_ms="nan"
chrome_cpu="nan"
if [ -n "$chrome" ]; then
    "$PF" render "$PERSONA" --template "$TEMPLATE" -o "$WORK/cv.html"
    echo "== $chrome: $CHROME_RUNS x --print-to-pdf of the HTML export (same persona and template)"
    i=0
    : >"$WORK/chrome.txt"
    while [ $i -lt "$CHROME_RUNS" ]; do
        t0=$(now_ms)
        cpu_run "$WORK/chrome-cpu.txt" "$chrome" --headless --no-sandbox --disable-gpu \
            --disable-background-networking --disable-component-update --no-first-run \
            --user-data-dir="$WORK/chrome-profile" --print-to-pdf="$WORK/chrome.pdf" \
            "file://$WORK/cv.html" >/dev/null 2>&1
        t1=$(now_ms)
        echo "$t1 $t0" | awk '{printf "%.2f\n", $1 - $2}' >>"$WORK/chrome.txt"
        i=$((i + 1))
    done
    chrome_ms=$(median <"$WORK/chrome.txt")
    chrome_cpu=$(median <"$WORK/chrome-cpu.txt" 2>/dev/null || echo nan)
    chrome_pages=$(pdfinfo "$WORK/chrome.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
    echo "   median ${chrome_ms} ms wall, ${chrome_cpu} ms CPU (${chrome_pages:-?} pages)"
else
    echo "== no Chromium found: ratio not measured"
fi

ratio_inproc=$(echo "$chrome_ms $pdf_ms" | awk '{ if ($1 == "nan" || $2 == 0) print "n/a"; else printf "%.0fx", $1 / $2 }')
ratio_cli=$(echo "$chrome_ms $cli_ms" | awk '{ if ($1 == "nan" || $2 == 0) print "n/a"; else printf "%.0fx", $1 / $2 }')
ratio_cpu=$(echo "$chrome_cpu $pdf_cpu" | awk '{ if ($1 == "nan" || $2 == 0) print "n/a"; else printf "%.0fx", $1 / $2 }')
ratio_cli_cpu=$(echo "$chrome_cpu $cli_cpu" | awk '{ if ($1 == "nan" || $2 == 0) print "n/a"; else printf "%.0fx", $1 / $2 }')
cores=$(nproc)
echo
echo "PDF (${pages:-?} pages): ${pdf_ms} ms in-process median, ${cli_ms} ms as a CLI process;"
echo "DOCX: ${docx_ms} ms; HTML: ${html_ms} ms; Chromium print-to-pdf: ${chrome_ms} ms."
echo "Chromium / PersonaForge, wall: ${ratio_inproc} (in-process), ${ratio_cli} (CLI process);"
echo "CPU: ${ratio_cpu} (in-process), ${ratio_cli_cpu} (CLI process)."
echo "CPU time per PDF ${pdf_cpu} ms, per DOCX ${docx_cpu} ms. ${cores} cores, load average ${load}."

if [ -n "${PF_BENCH_OUT:-}" ]; then
    {
        echo "## render: export of a ${pages:-?}-page CV ($TEMPLATE, sample persona)"
        echo
        echo "$cores cores, load average $load during the run."
        echo
        echo "| measure | median ms (wall) | median CPU ms | runs | Chromium / this (wall, CPU) |"
        echo "|---|---:|---:|---:|---:|"
        echo "| PDF, in-process (Pango/Cairo) | $pdf_ms | $pdf_cpu | $RUNS | $ratio_inproc, $ratio_cpu |"
        echo "| PDF, \`personaforge render\` process | $cli_ms | $cli_cpu | $RUNS | $ratio_cli, $ratio_cli_cpu |"
        echo "| DOCX, in-process | $docx_ms | $docx_cpu | $RUNS | |"
        echo "| HTML, in-process | $html_ms | | $RUNS | |"
        echo "| Chromium --print-to-pdf of the HTML export | $chrome_ms | $chrome_cpu | $CHROME_RUNS | 1x |"
    } >"$PF_BENCH_OUT/render.md"
fi
