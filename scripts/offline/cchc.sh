#!/bin/sh
# Mở chương trình CCHC. Cửa sổ terminal cần ít nhất 80 cột x 24 dòng, tốt nhất 100 x 30,
# ví dụ: xterm -geometry 100x30 -e sh cchc.sh
here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
if [ ! -x "$here/venv/bin/cchc" ]; then
    echo "Chưa cài đặt: chạy sh install.sh trước." >&2
    exit 1
fi
exec "$here/venv/bin/cchc" "$@"
