"""Registry updates and plans signed by Sở Nội vụ: publish on the office, add on an agency;
new communes and the new plan's tasks appear; altered, foreign or older files are refused."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from nacl.signing import SigningKey

from cchc_tui.domain.bundle.errors import BundleError
from cchc_tui.domain.bundle.plan_letter import make_plan_letter, read_plan_letter
from cchc_tui.domain.clock import Clock
from cchc_tui.services.catalog import load_registry
from cchc_tui.services.letters import letters
from cchc_tui.services.plans import held_plans
from cchc_tui.services.workspace import open_workspace
from tests.plans.sheets import write_plan


def _ws(path):
    return open_workspace(path, Clock(dt.date(2025, 3, 20)))


def _pin(installs) -> None:
    key = str(installs.office_key_file())
    assert installs.run(installs.agency, "office", "add", key, "--yes") == 0


def _publish_plan(installs) -> tuple:
    pp = ("--passphrase-file", installs.phrase)
    book = write_plan(installs.tmp / "p2026.xlsx")
    assert installs.run(installs.office, "plan", "import", str(book), "--yes") == 0
    out = installs.tmp / "plan.json"
    assert installs.run(installs.office, "plan", "publish", "138-2025", "--out", str(out), *pp) == 0
    return out


def test_registry_update_adds_the_offices_new_commune(installs, capsys):
    pp = ("--passphrase-file", installs.phrase)
    assert installs.run(installs.office, "add-commune", "--name", "Xã Tân Mỹ Thử") == 0
    out = installs.tmp / "registry.json"
    assert (
        installs.run(installs.office, "receiver", "publish-registry", "--out", str(out), *pp) == 0
    )
    _pin(installs)
    capsys.readouterr()
    assert installs.run(installs.agency, "registry", "add", str(out), "--yes") == 0
    assert "+ Ủy ban nhân dân xã Tân Mỹ Thử (xa-tan-my-thu)" in capsys.readouterr().out
    ws = _ws(installs.agency)
    try:
        assert "xa-tan-my-thu" in load_registry(ws, refresh=True)
        assert [entry.kind for entry in letters(ws)] == ["registry"]
    finally:
        ws.db.close()


def test_an_older_registry_update_does_not_replace_a_newer_one(installs, capsys):
    pp = ("--passphrase-file", installs.phrase)
    older, newer = installs.tmp / "old.json", installs.tmp / "new.json"
    for out, day in ((older, "2025-03-20"), (newer, "2025-03-25")):
        args = ("receiver", "publish-registry", "--out", str(out), *pp)
        assert installs.run(installs.office, *args, today=day) == 0
    _pin(installs)
    assert installs.run(installs.agency, "registry", "add", str(newer), "--yes") == 0
    capsys.readouterr()
    assert installs.run(installs.agency, "registry", "add", str(older), "--yes") == 1
    assert "cũ hơn" in capsys.readouterr().err


def test_published_plan_added_on_an_agency_shows_its_tasks(installs, capsys):
    out = _publish_plan(installs)
    _pin(installs)
    capsys.readouterr()
    assert installs.run(installs.agency, "plan", "add", str(out), "--yes") == 0
    assert "Đã nạp kế hoạch 138-2025" in capsys.readouterr().out
    args = ("tasks", "--plan", "138-2025", "--agency", "so-khoa-hoc-cong-nghe", "--json")
    assert installs.run(installs.agency, *args) == 0
    tasks = json.loads(capsys.readouterr().out)
    assert {t["code"] for t in tasks} >= {"I.1", "I.2"}
    assert installs.run(installs.agency, "plan", "add", str(out), "--yes") == 0
    assert "không có gì thay đổi" in capsys.readouterr().out


def test_plan_refused_before_the_office_key_is_pinned_and_when_tampered(installs, capsys):
    out = _publish_plan(installs)
    capsys.readouterr()
    assert installs.run(installs.agency, "plan", "add", str(out), "--yes") == 1
    _pin(installs)
    data = bytearray(out.read_bytes())
    data[len(data) // 2] ^= 0x04
    out.write_bytes(bytes(data))
    capsys.readouterr()
    assert installs.run(installs.agency, "plan", "add", str(out), "--yes") == 1
    err = capsys.readouterr().err
    assert err.startswith("Lỗi:") and err.count("\n") == 1
    ws = _ws(installs.agency)
    try:
        assert letters(ws) == []
        assert "138-2025" not in [p.id for p in held_plans(ws)]
    finally:
        ws.db.close()


@pytest.fixture(scope="module")
def plan_package():
    """A small signed plan package and the office key that signed it."""
    office = SigningKey(b"\x11" * 32)
    document = {"plan": {"id": "t-1", "number": "1/KH-UBND"}, "tasks": []}
    raw = make_plan_letter(document, [], office, issued_at="2025-03-20T08:00:00+07:00")
    from cchc_tui.domain.bundle.keys import key_id

    return raw, {key_id(bytes(office.verify_key)): bytes(office.verify_key)}


def test_every_single_bit_flip_and_truncation_of_a_plan_package_is_refused(plan_package):
    raw, keys = plan_package
    assert read_plan_letter(raw, keys, known=set())[0]["plan"]["id"] == "t-1"
    data = bytearray(raw)
    for index in range(len(data)):
        original = data[index]
        for bit in range(8):
            data[index] = original ^ (1 << bit)
            with pytest.raises(BundleError):
                read_plan_letter(bytes(data), keys, known=set())
        data[index] = original
    for end in range(len(raw)):
        with pytest.raises(BundleError):
            read_plan_letter(raw[:end], keys, known=set())


def test_a_plan_signed_by_an_agency_key_is_refused(plan_package):
    _, keys = plan_package
    agency = SigningKey(b"\x22" * 32)
    forged = make_plan_letter(
        {"plan": {"id": "t-1"}, "tasks": []}, [], agency, issued_at="2025-03-20T08:00:00+07:00"
    )
    with pytest.raises(BundleError) as caught:
        read_plan_letter(forged, keys, known=set())
    assert caught.value.code == "not_office_key"


def _registry_with(name: str) -> tuple[bytes, dict]:
    from cchc_tui.domain.agencies import Agency
    from cchc_tui.domain.bundle.keys import key_id
    from cchc_tui.domain.bundle.registry import make_registry_update

    office = SigningKey(b"\x33" * 32)
    commune = Agency("xa-thu", name, name, "commune", valid_from=dt.date(2025, 7, 1))
    raw = make_registry_update([commune], office, issued_at="2025-07-02T08:00:00+07:00")
    return raw, {key_id(bytes(office.verify_key)): bytes(office.verify_key)}


def test_registry_names_with_markup_pass_as_text_and_control_characters_are_refused():
    from cchc_tui.domain.bundle.registry import read_registry_update

    raw, keys = _registry_with("[b]Xã[/b] =1+1 @x")
    [agency], _ = read_registry_update(raw, keys)
    assert agency.name == "[b]Xã[/b] =1+1 @x"
    raw, keys = _registry_with("Xã\x1b[31m đỏ")
    with pytest.raises(BundleError) as caught:
        read_registry_update(raw, keys)
    assert caught.value.code == "bad_body" and "ký tự điều khiển" in caught.value.reason


async def test_registry_preview_dialog_shows_a_hostile_name_as_typed(installs, seeded):
    from cchc_tui.app import CchcApp
    from cchc_tui.domain.agencies import Agency
    from cchc_tui.domain.bundle.registry import make_registry_update
    from cchc_tui.screens.dialogs import ConfirmDialog
    from cchc_tui.screens.letters import LettersScreen
    from cchc_tui.services.office.office_key import unlock_office_key

    hostile = "Xã [bold red]Đỏ[/] =HYPERLINK(1)"
    office = _ws(installs.office)
    try:
        key = unlock_office_key(office, "mat khau thu nghiem")
        agencies = [*load_registry(office), Agency("xa-do", hostile, hostile, "commune")]
        raw = make_registry_update(agencies, key, issued_at="2025-03-20T08:00:00+07:00")
    finally:
        office.db.close()
    out = installs.tmp / "registry.json"
    out.write_bytes(raw)
    _pin(installs)
    ws = open_workspace(installs.agency, Clock(dt.date(2025, 3, 14)))
    try:
        app = CchcApp(ws, agency_id="so-tu-phap", officer="B")
        async with app.run_test(size=(80, 24)) as pilot:
            app.push_screen(LettersScreen(ws))
            await pilot.pause()
            app.screen.query_one("#letters-path").value = str(out)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDialog)
            text = "\n".join(s.text for s in app.screen._compositor.render_strips())
            assert "[bold red]Đỏ[/] =HYPERLINK(1)" in text
            await pilot.press("c")
            await pilot.pause()
        assert any("HYPERLINK" in a.name for a in load_registry(ws, refresh=True))
    finally:
        ws.db.close()
