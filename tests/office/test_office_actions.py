"""The office decides in the app: import a folder with spaces, read refused files, add a key."""

from pathlib import Path

from textual.widgets import DataTable, DirectoryTree, Input, Static

from cchc_tui.screens.dialogs import ConfirmDialog
from cchc_tui.screens.office import OfficeHomeScreen
from cchc_tui.screens.office.importing import ImportScreen
from cchc_tui.screens.office.keys import FileDialog, KeyringScreen
from cchc_tui.screens.office.picker import FolderPicker
from cchc_tui.screens.office.refused import RefusedScreen, TextPanel
from cchc_tui.screens.office.tables import SubmissionsTable
from cchc_tui.services.office import keyring
from cchc_tui.services.office.paths import split_paths

from .conftest import on_day, run_import
from .test_screens import OfficeApp, _settle


def test_typed_paths_keep_spaces_and_backslashes(tmp_path):
    folder = tmp_path / "Thư đến 2"
    folder.mkdir()
    (tmp_path / "a.json").write_text("{}", encoding="utf-8")
    (tmp_path / "b.json").write_text("{}", encoding="utf-8")
    assert split_paths(str(folder)) == [folder]
    assert split_paths(f'"{folder}"') == [folder]
    assert split_paths(f"{tmp_path / 'a.json'} {tmp_path / 'b.json'}") == [
        tmp_path / "a.json",
        tmp_path / "b.json",
    ]
    assert split_paths(f"{tmp_path / 'a.json'}; {folder}") == [tmp_path / "a.json", folder]
    windows = r"C:\Users\Cán bộ\Thư đến 2"
    assert split_paths(windows, exists=lambda p: False) == [Path(windows)]
    assert split_paths(f'"{windows}" "D:\\x.json"', exists=lambda p: False) == [
        Path(windows),
        Path("D:\\x.json"),
    ]
    assert split_paths("   ") == []


async def test_import_a_folder_whose_path_has_spaces(office, sender, tmp_path):
    folder = tmp_path / "Thư đến 2"
    folder.mkdir()
    nv = sender("so-noi-vu")
    nv.folder = folder
    nv.send("2025-Q1", "2025-03-10")
    (folder / "Fwd_ ghi chú (1).json").write_bytes(b"{")
    (folder / "bien ban.pdf").write_bytes(b"%PDF")
    app = OfficeApp(on_day(office, "2025-04-01"))
    async with app.run_test(size=(100, 30)) as pilot:
        await _settle(app, pilot)
        await pilot.press("i")
        await pilot.pause()
        app.screen.query_one(Input).value = str(folder)
        await pilot.press("enter")
        await _settle(app, pilot)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 2
        rows = [[c.plain for c in table.get_row_at(i)] for i in range(2)]
        accepted = next(r for r in rows if r[4] == "nhận")
        assert accepted[1] == "Sở Nội vụ"  # the name, not the id
        widths = [col.get_render_width(table) for col in table.columns.values()]
        assert widths[0] >= 18 and widths[1] >= 16 and widths[4] >= 21 and widths[5] >= 20
        summary = str(app.screen.query_one("#import-summary", Static).render())
        assert "bỏ qua 1 tệp không phải gói: bien ban.pdf" in summary
        detail = str(app.screen.query_one("#import-detail", Static).render())
        assert str(folder) in detail
        await pilot.press("escape")
        await _settle(app, pilot)
        assert "đúng hạn" in app.screen.query_one(SubmissionsTable).get_row("so-noi-vu")[1].plain


async def test_the_folder_picker_fills_the_path(office, tmp_path, monkeypatch):
    folder = tmp_path / "Thư đến 2"
    folder.mkdir()
    app = OfficeApp(on_day(office, "2025-04-01"))
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(app, pilot)
        await pilot.press("i")
        await pilot.pause()
        app.screen.query_one(Input).value = str(tmp_path)
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, FolderPicker)
        tree = app.screen.query_one(DirectoryTree)
        await tree.reload()
        await pilot.pause()
        tree.move_cursor(next(n for n in tree.root.children if n.data.path.name == folder.name))
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, ImportScreen)
        assert split_paths(app.screen.query_one(Input).value) == [folder]


async def test_refused_files_are_listed_and_open_in_full(office, sender, inbox):
    nv = sender("so-noi-vu")
    good = nv.send("2025-Q1", "2025-03-10")
    raw = bytearray(good.read_bytes())
    raw[raw.index(b'"sig"') + 10] ^= 1  # a damaged signature: the content still says who
    (inbox / "so-noi-vu_2025-Q1_0001 - sua.json").write_bytes(bytes(raw))
    good.unlink()
    (inbox / "[red]x[b].json").write_bytes(b"not json")
    ws = on_day(office, "2025-04-01")
    run_import(ws, inbox)
    app = OfficeApp(ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(app, pilot)
        await pilot.press("r")
        await _settle(app, pilot)
        assert isinstance(app.screen, RefusedScreen)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 2
        names = [f.file_name for f in app.screen.files]
        assert table.get_row_at(names.index("[red]x[b].json"))[0].plain == "[red]x[b].json"
        row = names.index("so-noi-vu_2025-Q1_0001 - sua.json")
        assert table.get_row_at(row)[1].plain == "Sở Nội vụ"
        assert table.get_row_at(row)[2].plain == "2025-Q1"
        table.move_cursor(row=names.index("[red]x[b].json"))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TextPanel)
        text = str(app.screen.query_one("#panel-text", Static).render())
        assert "[red]x[b].json" in text and "Lý do" in text


async def test_add_a_key_from_its_enrolment_file(office, sender, tmp_path):
    nv = sender("so-noi-vu", enrol=False)
    enrolment = tmp_path / "Khóa Sở Nội vụ.json"
    enrolment.write_bytes(nv.enrolment())
    app = OfficeApp(on_day(office, "2025-04-01"))
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(app, pilot)
        await pilot.press("k")
        await pilot.pause()
        assert isinstance(app.screen, KeyringScreen)
        assert app.screen.query_one(DataTable).row_count == 0
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, FileDialog)
        app.screen.query_one(Input).value = str(enrolment)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        preview = keyring.preview_enrolment(office, nv.enrolment())
        assert preview.fingerprint in app.screen.question
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, KeyringScreen)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 1
        assert table.get_row_at(0)[1].plain == preview.fingerprint
        assert [e.agency_id for e in keyring.list_keys(office)] == ["so-noi-vu"]
        await pilot.press("escape")
        await _settle(app, pilot)
        assert isinstance(app.screen, OfficeHomeScreen)


def test_cli_import_lists_refused_files_and_skipped_attachments(tmp_path):
    from .test_hostile_cli import MARKUP_FILE, _cchc

    data = tmp_path / "data"
    assert _cchc(data, "receiver", "init", "--officer", "Nguyễn Văn A").returncode == 0
    folder = tmp_path / "Thư đến 2"
    folder.mkdir()
    (folder / "Fwd_ so-tu-phap_2025-Y_0007 - sua (1).json").write_bytes(MARKUP_FILE)
    (folder / "bien ban.pdf").write_bytes(b"%PDF")
    run = _cchc(data, "import", str(folder), "--today", "2026-01-05")
    assert run.returncode == 1 and "Traceback" not in run.stderr
    tail = run.stdout[run.stdout.index("Tệp không nhận (1):") :]
    assert "Fwd_ so-tu-phap_2025-Y_0007 - sua (1).json — Sở Tư pháp (so-tu-phap), kỳ 2025-Y" in tail
    assert "lặp lại hai lần" in tail
    assert "Bỏ qua 1 tệp không phải gói báo cáo (.json): bien ban.pdf" in tail
    run = _cchc(data, "submissions", "--period", "2025-Y", "--today", "2026-01-05")
    line = next(x for x in run.stdout.splitlines() if x.startswith("Sở Tư pháp"))
    assert line.endswith("⚠ bị từ chối")


def test_a_badly_named_refused_file_is_attributed_by_its_content(office, sender, inbox):
    good = sender("so-noi-vu").send("2025-Q1", "2025-03-10")
    raw = bytearray(good.read_bytes())
    raw[raw.index(b'"sig"') + 10] ^= 1
    good.unlink()
    (inbox / "Fwd_ bao cao quy 1.json").write_bytes(bytes(raw))
    [outcome] = run_import(on_day(office, "2025-04-01"), inbox)
    assert outcome.verdict == "rejected"
    assert (outcome.agency_id, outcome.period, outcome.seq) == ("so-noi-vu", "2025-Q1", 1)


async def test_help_and_footer_on_the_receiving_install(office, sender, inbox):
    from textual.widgets._footer import FooterKey, FooterLabel

    from cchc_tui.app import CchcApp
    from cchc_tui.screens.help import HelpScreen
    from cchc_tui.screens.office.detail import ContributionsScreen

    sender("so-noi-vu").send("2025-Q1", "2025-03-10")
    ws = on_day(office, "2025-04-01")
    run_import(ws, inbox)
    app = CchcApp(ws, agency_id=None)
    async with app.run_test(size=(200, 30)) as pilot:
        await _settle(app, pilot)
        assert isinstance(app.screen, OfficeHomeScreen)
        await pilot.pause()
        shown = {k.key_display: k.description for k in app.screen.query(FooterKey)}
        assert "[" in shown and "]" in shown  # one group, '[ ] Kỳ'
        assert "Kỳ" in [str(label.render()) for label in app.screen.query(FooterLabel)]
        assert "left_square_bracket" not in app.export_screenshot()
        for key in ("f1", "question_mark"):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            assert app.screen.topic == "office"
            await pilot.press("escape")
            await pilot.pause()
        if app.screen.period_id != "2025-Q1":
            await pilot.press("left_square_bracket")
            await _settle(app, pilot)
        assert app.screen.period_id == "2025-Q1"
        await pilot.press("3")
        await _settle(app, pilot)
        indicators = app.screen.query_one("#indicators-table", DataTable)
        row = next(k.value for k in indicators.rows if app.screen.figures[k.value].contributions)
        indicators.move_cursor(row=indicators.get_row_index(row))
        await pilot.press("enter")
        await _settle(app, pilot)
        assert isinstance(app.screen, ContributionsScreen)
        assert app.screen.query_one(DataTable).get_row_at(0)[0].plain == "Sở Nội vụ"
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_revoke_a_key_with_reason_and_date(office, sender):
    from cchc_tui.screens.office.keys import RevokeDialog

    sender("so-noi-vu")
    app = OfficeApp(on_day(office, "2025-04-01"))
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(app, pilot)
        await pilot.press("k")
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, RevokeDialog)
        await pilot.press("enter")  # no reason yet: on to the date box
        app.screen.query_one("#revoke-on", Input).value = "2025-04-02"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, KeyringScreen)  # refused: the reason is required
        assert "lý do" in str(app.screen.query_one("#keys-status", Static).render())
        await pilot.press("x")
        await pilot.pause()
        app.screen.query_one("#revoke-reason", Input).value = "Máy bị mất"
        app.screen.query_one("#revoke-on", Input).value = "2025-04-02"
        app.screen.query_one("#revoke-on", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert "đã thu hồi từ 2025-04-02" in app.screen.query_one(DataTable).get_row_at(0)[2].plain
    [entry] = keyring.list_keys(office)
    assert (entry.revoked_on, entry.revoked_reason) == ("2025-04-02", "Máy bị mất")
