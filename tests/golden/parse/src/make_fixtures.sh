#!/bin/sh
# Regenerates the binary parse fixtures in tests/golden/parse/ from the HTML sources beside this
# script (LibreOffice Writer: HTML -> PDF and DOCX). The text, Markdown and JSON inputs are their
# own sources. Afterwards: PF_GOLDEN_UPDATE=1 ctest -R golden_parse, and review the diff.
set -eu
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for name in one_column sidebar label_grid_de; do
    soffice --headless --infilter="HTML (StarWriter)" --convert-to pdf --outdir "$out" "src/$name.html" >/dev/null 2>&1
    soffice --headless --infilter="HTML (StarWriter)" --convert-to docx --outdir "$out" "src/$name.html" >/dev/null 2>&1
    mv "$out/$name.pdf" "$name.pdf"
    mv "$out/$name.docx" "${name}_docx.docx"
done
echo "fixtures regenerated; now run PF_GOLDEN_UPDATE=1 ctest -R golden_parse and review the diff"
