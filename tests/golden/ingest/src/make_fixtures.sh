#!/bin/sh
# Regenerates the binary ingest fixtures in tests/golden/ingest/ from their sources in src/ (run after editing a source;
# review the .expected files with PF_GOLDEN_UPDATE=1 afterwards). Needs LibreOffice Writer
# (libreoffice-writer-nogui) and python3. The hand-written inputs (.md, .html, .rtf, .json)
# are their own sources.
set -eu
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
convert() { # FORMAT SOURCE.fodt TARGET
    soffice --headless --convert-to "$1" --outdir "$out" "src/$2" >/dev/null 2>&1
    mv "$out/${2%.fodt}.${1%%:*}" "$3"
}
convert docx docx_cv.fodt docx_cv.docx
convert odt docx_cv.fodt odt_cv.odt
for name in pdf_sidebar pdf_two_column pdf_label_grid; do
    convert pdf "$name.fodt" "$name.pdf"
done
convert 'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"secret"}}' \
    pdf_two_column.fodt pdf_encrypted.pdf
python3 - <<'PY'
text = open("src/text_cv.txt", encoding="utf-8").read()
open("text_cv.txt", "w", encoding="utf-8").write(text)
open("text_utf16le.txt", "wb").write(b"\xff\xfe" + text.replace("\n", "\r\n").encode("utf-16-le"))
open("text_utf16be.txt", "wb").write(b"\xfe\xff" + text.encode("utf-16-be"))
# Windows-1252 has every character used here (U+2022 is 0x95, U+2013 0x96, U+2014 0x97).
open("text_cp1252.txt", "wb").write(text.encode("cp1252"))
PY
echo "fixtures regenerated; now run PF_GOLDEN_UPDATE=1 ctest -R golden_ingest and review the diff"
