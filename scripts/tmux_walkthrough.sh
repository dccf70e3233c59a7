#!/usr/bin/env bash
# Walk the focal officer's main flow in the real `cchc` (real terminal driver) inside tmux,
# from an empty data folder, and print the screen after each step:
# first run -> pick the agency -> my tasks -> open a task -> record progress -> save.
# Then once more at 80x24 on the same data (the saved progress and its history), and
# the export: create the key, a wrong passphrase, then sign and export.
#
# Usage: scripts/tmux_walkthrough.sh            (uses `cchc` on PATH, or CCHC_BIN=/path/to/cchc)
# Needs tmux. Uses its own tmux server (-L cchcwalk), so your sessions are left alone.
set -euo pipefail

CCHC_BIN=${CCHC_BIN:-$(command -v cchc || true)}
if [[ -z "$CCHC_BIN" ]]; then
    echo "cchc not found: install the package or set CCHC_BIN" >&2
    exit 2
fi
DATA=$(mktemp -d "${TMPDIR:-/tmp}/cchc-walk-XXXXXX")
TODAY=2025-03-10
TMUX_CMD=(tmux -L cchcwalk)
PAUSE=${PAUSE:-0.8}
trap '"${TMUX_CMD[@]}" kill-server 2>/dev/null || true' EXIT

start() {  # start WIDTH HEIGHT
    "${TMUX_CMD[@]}" kill-server 2>/dev/null || true
    "${TMUX_CMD[@]}" new-session -d -s cchcwalk -x "$1" -y "$2" \
        "env CCHC_HOME='$DATA' CCHC_TODAY=$TODAY TERM=xterm-256color '$CCHC_BIN'; sleep 5"
    "${TMUX_CMD[@]}" set -s escape-time 10  # Esc reaches the app at once
    sleep 2
}

keys() {  # keys KEY... : tmux key names, one at a time
    for key in "$@"; do
        "${TMUX_CMD[@]}" send-keys -t cchcwalk "$key"
        sleep 0.15
    done
    sleep "$PAUSE"
}

text() {  # text STRING : typed literally (UTF-8, Vietnamese diacritics)
    "${TMUX_CMD[@]}" send-keys -t cchcwalk -l "$1"
    sleep "$PAUSE"
}

show() {  # show TITLE : print the screen
    echo
    echo "=== $1"
    "${TMUX_CMD[@]}" capture-pane -p -t cchcwalk
}

echo "Data folder: $DATA (empty), today: $TODAY, cchc: $CCHC_BIN"
start 100 30
show "1. First run (100x30): choose the agency"
text "noi vu"
show "2. Typed 'noi vu' (no diacritics): the list narrows to Sở Nội vụ"
keys Enter
text "Nguyễn Thị Hoa"
keys Enter
text "Chuyên viên"
keys Enter
sleep 1
show "3. Name and title entered, profile saved: my tasks"
keys /
text "iii.2"
show "4. Search '/ iii.2'"
keys Enter Enter
show "5. Task III.2 opened"
keys e
show "6. Progress form"
keys Down Enter Tab
text "60"
keys Tab
text "Đã công khai 120 TTHC trên Cổng dịch vụ công"
keys Tab
text "56/KH-UBND"
keys Tab
text "20/05/2020"
keys Tab
text "Kế hoạch CCHC"
show "7. Filled in: đang triển khai, 60 %, result, one evidence document"
keys C-s
sleep 1.5
show "8. Ctrl+S: saved as revision 1, history shown"
keys Escape F2
show "9. F2: overview"
keys C-q
sleep 1

start 80 24
show "10. Restart at 80x24 on the same data: the task list shows III.2 in progress"
keys / && text "iii.2" && keys Enter Enter
show "11. III.2 at 80x24: the saved revision in the history"
keys Escape F6
show "12. F6: what will be sent; no key yet, so the screen offers to create one"
text "mat khau ky so 1"
keys Enter
text "mat khau ky so 1"
keys Enter
sleep 2
show "13. Key created, enrolment file written for Sở Nội vụ"
text "mat khau sai"
keys Enter
sleep 1.5
show "14. Wrong passphrase: refused, nothing written"
text "mat khau ky so 1"
keys Enter
sleep 2
show "15. Signed, written, read back and verified: the file to email"
keys Escape F2
show "16. F2: the period shows as submitted"
keys C-q
sleep 1
echo
echo "Done. Data left in $DATA"
