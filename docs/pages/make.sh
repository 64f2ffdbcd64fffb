#!/usr/bin/env bash
# The pages an official receives, as images for the README: the HTML report printed
# by Chromium, the Word report and the workbook converted by LibreOffice, each page
# turned into a PNG by pdftoppm. Run from the repository's root:
#   bash docs/pages/make.sh
# It reads data/ (the repository's real data) and writes only docs/pages/*.png.
set -euo pipefail
here=docs/pages
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tracker=${TRACKER:-.venv/bin/tracker}
as_of=${AS_OF:-2026-12-01}

"$tracker" report --dept NNMT --as-of "$as_of" --format html --output "$work/report.html" >/dev/null
"$tracker" report --dept NNMT --as-of "$as_of" --format docx --output "$work/word.docx" >/dev/null
"$tracker" export --as-of "$as_of" --format xlsx --output "$work/workbook.xlsx" >/dev/null
"$tracker" form --dept NNMT --as-of "$as_of" --output "$work/form.xlsx" >/dev/null

chromium --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="$work/profile" \
  --no-pdf-header-footer --print-to-pdf="$work/report.pdf" "file://$work/report.html" 2>/dev/null
soffice --headless --norestore "-env:UserInstallation=file://$work/lo" --convert-to pdf \
  --outdir "$work" "$work/word.docx" "$work/workbook.xlsx" "$work/form.xlsx" >/dev/null

rm -f "$here"/*.png
for name in report word workbook form; do
  pdftoppm -png -r 50 "$work/$name.pdf" "$here/$name"
done
ls "$here"/*.png
