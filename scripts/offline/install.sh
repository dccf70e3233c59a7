#!/bin/sh
# Cài CCHC @@VERSION@@ từ thư mục này, không cần mạng: tạo thư mục venv cạnh tệp này rồi cài
# các gói trong wheels/linux. Chạy lại để nâng cấp; dữ liệu không bị động đến.
# Chọn Python khác: PYTHON=/duong/dan/python3.12 sh install.sh
set -eu
here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
supported="@@PYTHONS@@"
fits() { "$1" -c "import sys; sys.exit(0 if sys.version_info[:2] in @@PYTHON_TUPLES@@ else 1)" >/dev/null 2>&1; }
py="${PYTHON:-}"
if [ -z "$py" ]; then
    for v in $supported; do
        if fits "python$v"; then py="python$v"; break; fi
    done
fi
if [ -z "$py" ] && fits python3; then py=python3; fi
if [ -z "$py" ] || ! fits "$py"; then
    echo "Lỗi: cần Python @@PYTHONS_TEXT@@ (python3 và gói python3-venv); cài rồi chạy lại sh install.sh" >&2
    exit 1
fi
echo "Dùng Python: $py"
if [ -e "$here/venv/bin/python" ] && ! "$here/venv/bin/python" -c "import sys" >/dev/null 2>&1; then
    rm -rf "$here/venv"
fi
if [ ! -e "$here/venv/bin/python" ] && ! "$py" -m venv "$here/venv"; then
    echo "Lỗi: không tạo được thư mục venv (Debian/Ubuntu: cài gói python3-venv), rồi chạy lại" >&2
    exit 1
fi
"$here/venv/bin/python" -m pip install --no-index --find-links "$here/wheels/linux" \
    --upgrade --disable-pip-version-check cchc-tui
"$here/venv/bin/cchc" --version
echo "Đã cài xong. Mở chương trình: sh cchc.sh"
