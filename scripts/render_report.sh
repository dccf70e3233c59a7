#!/usr/bin/env bash
# Print a report workbook the way an office's spreadsheet program would, to look at it:
# LibreOffice (headless) converts the .xlsx to PDF, poppler's pdftoppm makes one PNG per
# page. Installs libreoffice-calc and poppler-utils from the distribution when missing
# (Debian/Ubuntu, as root). Not needed by CI.
#
# Usage: scripts/render_report.sh REPORT.xlsx [OUT_DIR] [DPI]
#   writes OUT_DIR/REPORT.pdf and OUT_DIR/REPORT-N.png (default OUT_DIR: next to the file,
#   DPI 60), then prints the number of pages.
set -euo pipefail

if [ $# -lt 1 ]; then
    sed -n '2,10p' "$0"
    exit 2
fi
xlsx=$(realpath "$1")
out=$(realpath -m "${2:-$(dirname "$xlsx")}")
dpi=${3:-60}
name=$(basename "${xlsx%.*}")

if ! command -v soffice >/dev/null || ! command -v pdftoppm >/dev/null; then
    echo "Installing libreoffice-calc and poppler-utils…" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        libreoffice-calc poppler-utils >/dev/null
fi

mkdir -p "$out"
# A private profile folder: no clash with a LibreOffice the user has open.
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
soffice -env:UserInstallation="file://$profile" --headless --convert-to pdf \
    --outdir "$out" "$xlsx" >/dev/null
rm -f "$out/$name"-*.png
pdftoppm -png -r "$dpi" "$out/$name.pdf" "$out/$name"
pages=$(ls "$out/$name"-*.png | wc -l)
echo "$out/$name.pdf: $pages pages, PNG files $out/$name-*.png"
