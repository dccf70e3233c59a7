#!/usr/bin/env bash
# Walk the focal officer's main flow in the real `cchc` (real terminal driver) inside tmux,
# at 80x24 (the console size many office PCs open with), from an empty data folder, and
# print the screen after each step: first run -> pick the agency -> my tasks -> open a
# task -> record progress with two evidence documents (Ctrl+N) -> save -> read the saved
# revision in full. Then once more at 100x30 on the same data (the saved progress and its
# history), and the export: create the key, a wrong passphrase, then sign and export.
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
start 80 24
show "1. First run (80x24): choose the agency"
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
show "6. Progress form: the cursor is on the status group, (•)/( ) mark the choice"
keys Right Enter Tab
text "60"
keys Tab
text "Đã công khai 120 TTHC trên Cổng dịch vụ công"
show "7. Right + Enter: đang triển khai; 60 %; the result"
keys C-n
text "56/KH-UBND"
keys Tab
text "20/05/2020"
keys Tab
text "Kế hoạch CCHC"
keys C-n
text "12/BC-SNV"
keys Tab
text "05/03/2025"
keys Tab
text "Báo cáo quý I"
show "8. Ctrl+N twice: two evidence documents, filled in (no crash)"
keys C-s
sleep 1.5
show "9. Ctrl+S: saved as revision 1, history shown"
keys Tab Enter
show "10. Tab, Enter: the saved revision in full, both documents"
keys Escape F2
show "11. F2: overview"
keys C-q
sleep 1

start 100 30
show "12. Restart at 100x30 on the same data: the task list shows III.2 in progress"
keys / && text "iii.2" && keys Enter Enter
show "13. III.2 at 100x30: the saved revision in the history"
keys Escape F6
show "14. F6: what will be sent; no key yet, so the screen offers to create one"
text "mat khau ky so 1"
keys Enter
text "mat khau ky so 1"
keys Enter
sleep 2
show "15. Key created, enrolment file written for Sở Nội vụ"
text "mat khau sai"
keys Enter
sleep 1.5
show "16. Wrong passphrase: refused, nothing written"
text "mat khau ky so 1"
keys Enter
sleep 2
show "17. Signed, written, read back and verified: the file to email"
keys Escape F2
show "18. F2: the period shows as submitted"
keys C-q
sleep 1
echo
echo "Done. Data left in $DATA"
