"""The 2025 reorganisation: successions as data, inherited roles, the periods a body reports."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from importlib.resources import files
from pathlib import Path

import pytest

from cchc_tui.domain.agencies import AgencyRegistry
from cchc_tui.domain.clock import Clock
from cchc_tui.domain.office import rules
from cchc_tui.domain.periods import parse_period
from cchc_tui.domain.plan import Plan
from cchc_tui.domain.succession import leads_of, predecessor_map
from cchc_tui.services import catalog, reorganisation
from cchc_tui.services.agencies import add_commune, import_communes
from cchc_tui.services.commune_list import read_commune_file
from cchc_tui.services.errors import ServiceError
from cchc_tui.services.progress import resolve_slot
from cchc_tui.services.tasks import agency_tasks
from cchc_tui.services.workspace import open_workspace

COMMUNES = Path(__file__).parent / "data" / "communes.csv"


def on_day(ws, day: str):
    """The same data folder on another day."""
    return open_workspace(ws.data_dir, Clock(dt.date.fromisoformat(day)))


@pytest.fixture
def with_communes(ws):
    """The seeded workspace with the small commune list of tests/data loaded."""
    import_communes(ws, read_commune_file(ws, COMMUNES))
    return ws


def leaderless(plan: Plan, registry: AgencyRegistry) -> list[str]:
    """`2025-Y VI.1` for every active task no expected agency leads in a period."""
    missing = []
    for period in plan.periods:
        preds = predecessor_map(registry, period.end)
        for task in plan.tasks:
            if plan.is_active(task, period) and not leads_of(task, period, registry, preds):
                missing.append(f"{period.id} {task.code}")
    return missing


def test_every_active_task_has_an_expected_lead_in_every_period(with_communes):
    plan = catalog.load_plan(with_communes)
    registry = catalog.load_registry(with_communes)
    assert plan.periods[0].id == "2020-H1" and plan.periods[-1].id == "2025-Y"
    assert leaderless(plan, registry) == []


def test_the_invariant_names_the_tasks_a_missing_succession_would_orphan(with_communes):
    plan = catalog.load_plan(with_communes)
    registry = catalog.load_registry(with_communes)
    without = AgencyRegistry.of(dataclasses.replace(a, successors=()) for a in registry)
    orphaned = leaderless(plan, without)
    assert {"2025-Q1 VI.1", "2025-Y VI.2", "2025-Y VI.4"} <= set(orphaned)
    assert all(o.startswith("2025-") for o in orphaned)


def test_successions_are_data_with_dates_and_the_confirmation_note():
    document = json.loads((files("cchc_tui.seed") / "agencies.json").read_text("utf-8"))
    assert "chưa xác nhận" in document["confirmation"]
    ids = {a["id"] for a in document["agencies"]}
    ended = [a for a in document["agencies"] if a.get("valid_to")]
    assert len(ended) == 14
    for a in ended:
        [succession] = a["successors"]
        assert succession["to"] in ids or succession["to"] == "@communes", a["id"]
        day_after = dt.date.fromisoformat(a["valid_to"]) + dt.timedelta(days=1)
        assert succession["from"] == day_after.isoformat(), a["id"]
    scope = document["plan_scope"]["56-KH-UBND-2020"]
    assert scope["former_provinces"] == ["Tuyên Quang"] and "Hà Giang" in scope["note"]


def test_so_kh_cn_inherits_vi1_from_so_tt_tt_from_2025_q1(ws):
    _, _, rows = agency_tasks(ws, "so-khoa-hoc-cong-nghe", "2025-Q1")
    vi1 = next(r for r in rows if r.code == "VI.1")
    assert vi1.roles == ("lead",)  # the word stays "lead"
    assert vi1.inherited == (("lead", "so-thong-tin-truyen-thong"),)
    assert vi1.inherited_note == "kế thừa từ Sở TT&TT"
    _, _, before = agency_tasks(ws, "so-khoa-hoc-cong-nghe", "2024-Y")
    assert "VI.1" not in {r.code for r in before}
    _, _, own = agency_tasks(ws, "so-thong-tin-truyen-thong", "2024-Y")
    assert next(r for r in own if r.code == "VI.1").inherited == ()


def test_communes_inherit_the_district_level_roles_after_30_6_2025(with_communes):
    ws = with_communes
    _, _, q3 = agency_tasks(ws, "xa-tan-long", "2025-Q3")
    v1 = next(r for r in q3 if r.code == "V.1")  # "Các sở, ban, ngành, UBND cấp huyện" lead
    assert v1.roles == ("lead",) and v1.inherited_note == "kế thừa từ UBND cấp huyện"
    ii1 = next(r for r in q3 if r.code == "II.1")  # "UBND cấp huyện, cấp xã": its own
    assert ii1.roles == ("lead",) and ii1.inherited == ()


def test_a_commune_from_ha_giang_is_outside_plan_56(with_communes):
    ws = with_communes
    registry = catalog.load_registry(ws)
    lung_cu = registry.get("xa-lung-cu")
    assert "Hà Giang" in lung_cu.outside_plan
    assert not rules.expected_in(lung_cu, parse_period("2025-Y"))
    _, _, rows = agency_tasks(ws, "xa-lung-cu", "2025-Y")
    assert rows == []
    with pytest.raises(ServiceError, match="không báo cáo kế hoạch này"):
        resolve_slot(ws, "xa-lung-cu", "II.1", "2025-Y")
    assert registry.get("xa-tan-long").outside_plan is None


@pytest.mark.parametrize(
    ("agency", "period"),
    [
        ("so-thong-tin-truyen-thong", "2024-Y"),
        ("huyen-yen-son", "2025-H1"),
        ("so-khoa-hoc-cong-nghe", "2025-Y"),
        ("so-nong-nghiep-moi-truong", "2025-Y"),
    ],
)
def test_a_body_that_ended_opens_on_its_last_period(ws, agency, period):
    late = on_day(ws, "2025-11-20")
    assert reorganisation.default_period(late, catalog.find_agency(late, agency)).id == period
    assert agency_tasks(late, agency)[1].id == period


def test_a_body_that_did_not_exist_yet_opens_on_its_first_period(ws):
    early = on_day(ws, "2024-11-20")
    agency = catalog.find_agency(early, "so-nong-nghiep-moi-truong")
    assert reorganisation.default_period(early, agency).id == "2025-Q1"


def test_recording_after_the_last_cut_off_is_refused_naming_the_successor(ws):
    assert resolve_slot(ws, "huyen-yen-son", "I.6", "2025-H1").period_id == "2025-H1"
    with pytest.raises(ServiceError) as caught:
        resolve_slot(ws, "huyen-yen-son", "I.6", "2025-Y")
    assert "30/06/2025" in str(caught.value) and "UBND cấp xã" in str(caught.value)
    assert resolve_slot(ws, "so-thong-tin-truyen-thong", "VI.1", "2024-Y")
    with pytest.raises(ServiceError, match="Sở Khoa học và Công nghệ") as caught:
        resolve_slot(ws, "so-thong-tin-truyen-thong", "VI.1", "2025-Q1")
    assert "28/02/2025" in str(caught.value) and "2024-Y" in str(caught.value)
    with pytest.raises(ServiceError, match="bắt đầu hoạt động từ 01/03/2025"):
        resolve_slot(ws, "so-nong-nghiep-moi-truong", "I.6", "2024-Y")


def test_the_notice_says_when_a_body_ended_and_who_took_over(ws):
    late = on_day(ws, "2025-11-20")
    notice = reorganisation.ended_notice(late, catalog.find_agency(late, "huyen-yen-son"))
    assert notice.startswith("Ủy ban nhân dân huyện Yên Sơn đã kết thúc hoạt động ngày 30/06/2025")
    assert "UBND cấp xã tiếp nhận nhiệm vụ từ 01/07/2025" in notice and "(2025-H1)" in notice
    assert reorganisation.ended_notice(late, catalog.find_agency(late, "so-noi-vu")) is None


def test_an_exact_name_wins_over_a_commune_that_contains_it(ws):
    commune = add_commune(ws, "Xã Tân Long", "huyen yen son")
    assert commune.id == "xa-tan-long-huyen-yen-son"  # the id it always had
    assert commune.successors == catalog.find_agency(ws, "huyen-yen-son").successors
    assert catalog.find_agency(ws, "huyen yen son").id == "huyen-yen-son"
    assert catalog.find_agency(ws, "yen son").id == "huyen-yen-son"
    assert catalog.find_agency(ws, "UBND huyện Yên Sơn").id == "huyen-yen-son"
    assert catalog.find_agency(ws, "tan long").id == commune.id


def test_a_two_tier_commune_needs_no_district(ws):
    commune = add_commune(ws, "Phường Minh Xuân")
    assert (commune.id, commune.parent, commune.valid_from) == (
        "phuong-minh-xuan",
        None,
        dt.date(2025, 7, 1),
    )
    assert commune.name == "Ủy ban nhân dân phường Minh Xuân"
    with pytest.raises(ServiceError, match="Đã có"):
        add_commune(ws, "minh xuan", kind="phường")
    with pytest.raises(ServiceError, match="xã hay phường"):
        add_commune(ws, "Tân Long")


def test_the_example_commune_list_in_docs_loads_and_says_it_is_an_example(ws):
    example = Path(__file__).parents[1] / "docs" / "communes.example.csv"
    assert "VÍ DỤ" in example.read_text("utf-8")
    checked = read_commune_file(ws, example)
    assert len(checked.new) == 5 and [c.id for c in checked.outside_plan] == ["phuong-ha-giang-1"]


def test_the_successor_s_task_detail_starts_at_the_succession(ws):
    from cchc_tui.services.tasks import task_detail

    late = on_day(ws, "2025-11-20")
    detail = task_detail(late, "so-khoa-hoc-cong-nghe", "VI.1")
    assert detail.roles == ("lead",) and detail.inherited_note == "kế thừa từ Sở TT&TT"
    assert [s.period.id for s in detail.slots] == ["2025-Q1", "2025-H1", "2025-Q3", "2025-Y"]
    old = task_detail(late, "so-thong-tin-truyen-thong", "VI.1")
    assert old.slots[-1].period.id == "2024-Y" and old.inherited_note == ""
