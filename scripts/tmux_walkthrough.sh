#!/usr/bin/env bash
# Walk the focal officer's main flow in the real `cchc` (real terminal driver) inside tmux,
# at 80x24 (the console size many office PCs open with), from an empty data folder, and
# print the screen after each step: first run -> pick the agency -> my tasks -> open a
# task -> record progress with two evidence documents (Ctrl+N) -> save -> read the saved
# revision in full. Then once more at 100x30 on the same data (the saved progress and its
# history), and the export: create the key, a wrong passphrase, then sign and export.
# Then Sở Nội vụ's receiving install at 80x24: add the agency's key (k), import a folder
# whose name has spaces (i), read the refused file (r), and decide a fork in the drill-down.
#
# Usage: scripts/tmux_walkthrough.sh            (uses `cchc` on PATH, or CCHC_BIN=/path/to/cchc)
# Needs tmux. Uses its own tmux server (-L cchcwalk-PID), so your sessions are left alone.
set -euo pipefail

CCHC_BIN=${CCHC_BIN:-$(command -v cchc || true)}
if [[ -z "$CCHC_BIN" ]]; then
    echo "cchc not found: install the package or set CCHC_BIN" >&2
    exit 2
fi
DATA=$(mktemp -d "${TMPDIR:-/tmp}/cchc-walk-XXXXXX")
TODAY=2025-03-10
TMUX_CMD=(tmux -L "cchcwalk-$$")  # one server per run: two runs at once do not collide
PAUSE=${PAUSE:-0.8}
trap '"${TMUX_CMD[@]}" kill-server 2>/dev/null || true' EXIT

start() {  # start WIDTH HEIGHT
    "${TMUX_CMD[@]}" kill-server 2>/dev/null || true
    for _ in $(seq 50); do  # the old server gone before a new one takes its socket
        "${TMUX_CMD[@]}" has-session 2>/dev/null || break
        sleep 0.1
    done
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

until_shown() {  # until_shown TEXT : wait (up to 30 s) until TEXT is on the screen
    for _ in $(seq 150); do
        "${TMUX_CMD[@]}" capture-pane -p -t cchcwalk | grep -qF -- "$1" && return 0
        sleep 0.2
    done
    echo "(waited 30 s for '$1')"
}

back_home() {  # Esc, one screen at a time, until the office's home is on top
    for _ in 1 2 3 4; do
        "${TMUX_CMD[@]}" capture-pane -p -t cchcwalk | grep -qF "Tình hình nộp" && return 0
        keys Escape
        sleep 1
    done
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
until_shown "Cần làm trong kỳ"  # the overview, however slow the machine
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
cp -a "$DATA" "$DATA.twin"  # a copy of the agency's data before it exports: a fork later
text "mat khau ky so 1"
keys Enter
sleep 2
show "17. Signed, written, read back and verified: the file to email"
keys Escape F2
until_shown "Cần làm trong kỳ"  # the overview, however slow the machine
show "18. F2: the period shows as submitted"
keys C-q
sleep 1

# --- Sở Nội vụ's receiving install: key, import from a folder with spaces, refused file, fork
OFFICE=$(mktemp -d "${TMPDIR:-/tmp}/cchc-walk-office-XXXXXX")
INBOX="$OFFICE/Thư đến 2"
mkdir -p "$INBOX"
ENROLMENT=$(find "$DATA" -name '*dang-ky-khoa*.json' | head -1)
find "$DATA" -name 'so-noi-vu_2025-Q1_*.json' | head -1 | xargs -I{} cp {} "$INBOX/"
printf '{"payload": ' > "$INBOX/Fwd_ so-noi-vu_2025-Q1_0001 - sua (1).json"
printf '%%PDF-1.4' > "$INBOX/bien ban hop.pdf"
# the copy taken before the export records something else and exports seq 1 again: a fork
printf 'mat khau ky so 1' > "$DATA.twin/pass.txt"
env CCHC_HOME="$DATA.twin" CCHC_TODAY=$TODAY "$CCHC_BIN" progress set --task III.2 \
    --status done --progress 100 --result "Bản khác: đã xong" >/dev/null
mkdir -p "$OFFICE/Thư đến 3"
env CCHC_HOME="$DATA.twin" CCHC_TODAY=$TODAY "$CCHC_BIN" export \
    --passphrase-file "$DATA.twin/pass.txt" --out "$OFFICE/Thư đến 3" >/dev/null
env CCHC_HOME="$OFFICE" "$CCHC_BIN" receiver init --officer "Lê Văn Tổng Hợp" >/dev/null
AGENCY_DATA=$DATA
DATA="$OFFICE"
TODAY=2025-03-20
PY=$(dirname "$CCHC_BIN")/python
ROW=$("$PY" -c "
import datetime as dt, pathlib
from cchc_tui.domain.clock import Clock
from cchc_tui.services.office.submissions import year_grid
from cchc_tui.services.workspace import open_workspace
ws = open_workspace(pathlib.Path('$OFFICE'), Clock(dt.date(2025, 3, 20)))
print([r.agency_id for r in year_grid(ws, '2025-Q1').rows].index('so-noi-vu'))")

start 80 24
until_shown "Sở Nội vụ"
show "19. Sở Nội vụ's install (80x24): F7 opens on the submissions; nothing received yet"
keys k
until_shown "Thêm khóa"
keys a
until_shown "Tệp đăng ký khóa"
text "$ENROLMENT"
keys Enter
until_shown "Vân tay"
show "20. k, a, the enrolment file: agency, officer, fingerprint to compare by phone"
keys y
until_shown "Đã đăng ký khóa"
show "21. y: the key is registered"
back_home
keys i
until_shown "Chọn thư mục"
text "$INBOX"
keys Enter
until_shown "tệp —"
show "22. i, a folder whose name has spaces (Thư đến 2): one accepted, one refused, the PDF listed"
keys Down
show "23. Down: the refused file's whole reason in the panel"
back_home
keys r
until_shown "Enter: xem"
keys Enter
until_shown "Lý do:"
show "24. r, Enter: the refused file in full (agency and period from its name)"
back_home
keys i
until_shown "Chọn thư mục"
text "$OFFICE/Thư đến 3"
keys Enter
until_shown "tệp —"
show "25. The same seq with other content: held as a fork"
back_home
sleep 1
"${TMUX_CMD[@]}" send-keys -t cchcwalk -l '['  # the key "[" (the previous period)
sleep 1.5
sleep 1.5
"${TMUX_CMD[@]}" send-keys -t cchcwalk -N "$ROW" Down
keys Enter
until_shown "Gói số"
show "26. [ to 2025-Q1, the Sở Nội vụ cell, Enter: the drill-down shows the fork (d)"
keys d
until_shown "khác biệt"
show "27. d: the two bundles side by side"
keys u
until_shown "Ghi căn cứ"
text "Đã gọi điện: bản thứ hai là đúng"
keys Enter
sleep 1.5
show "28. u, a note: the fork is used, the other bundle set aside"
back_home
keys F1
until_shown "Trợ giúp"
show "29. F1: help, the office's keys first"
keys Escape C-q
sleep 1
echo
echo "Done. Data left in $AGENCY_DATA (agency) and $OFFICE (Sở Nội vụ)"
