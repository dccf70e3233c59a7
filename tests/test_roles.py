"""Role resolution against the real plan: named and collective assignments."""

import pytest

from cchc_tui.domain.agencies import Agency
from cchc_tui.domain.roles import resolve_roles, role_label
from cchc_tui.services import catalog
from cchc_tui.services.agencies import add_commune


@pytest.fixture
def plan(ws):
    return catalog.load_plan(ws)


@pytest.fixture
def registry(ws):
    return catalog.load_registry(ws)


@pytest.mark.parametrize(
    ("agency_id", "code", "roles"),
    [
        ("so-noi-vu", "I.1", {"lead"}),
        ("so-tu-phap", "I.1", {"partner"}),
        ("so-tu-phap", "I.2", {"related"}),  # only "các cơ quan liên quan"
        ("so-noi-vu", "I.7", {"partner"}),  # named and as a department
        ("so-noi-vu", "IV.6", {"lead", "partner"}),
        ("so-y-te", "VI.6", {"lead"}),  # "Các Sở, ban, ngành"
        ("so-noi-vu", "VI.6", {"lead", "partner"}),  # a department, and named partner
        ("so-thong-tin-truyen-thong", "VI.1", {"lead"}),
        ("huyen-yen-son", "I.5", {"lead"}),  # "Ủy ban nhân dân cấp huyện"
        ("huyen-yen-son", "I.9", {"partner"}),
        ("huyen-na-hang", "II.1", {"lead"}),  # "Phòng Tư pháp" is a district office
        ("bao-tuyen-quang", "I.6", {"lead"}),
        ("tinh-doan", "VI.6", {"lead"}),
        ("ub-mttq-tinh", "I.10", {"lead"}),
        ("buu-dien-tinh", "III.6", {"partner"}),
        ("van-phong-hdnd", "II.3", {"partner"}),
        ("doan-kiem-tra-cchc", "I.7", {"lead"}),
        ("so-y-te", "I.1", {"related"}),
        ("so-y-te", "I.8", {"related"}),
    ],
)
def test_roles_from_the_plan(plan, registry, agency_id, code, roles):
    assert resolve_roles(registry.get(agency_id), plan.task(code)) == roles


def test_a_commune_gets_roles_from_the_commune_level_wording(ws, plan):
    commune = add_commune(ws, "Tân Long", "yen son")
    assert commune.parent == "huyen-yen-son" and commune.kind == "commune"
    assert resolve_roles(commune, plan.task("I.5")) == {"partner"}  # "UBND cấp xã" partner
    assert resolve_roles(commune, plan.task("III.2")) == {"lead"}
    assert resolve_roles(commune, plan.task("II.2")) == {"lead"}  # "HĐND, UBND cấp huyện, cấp xã"
    assert resolve_roles(commune, plan.task("I.9")) == set() or resolve_roles(
        commune, plan.task("I.9")
    ) == {"related"}


def test_related_is_never_partner_for_an_unnamed_body(plan):
    outsider = Agency(id="x", name="Một cơ quan", short_name="X", kind="body")
    for task in plan.tasks:
        assert "partner" not in resolve_roles(outsider, task) or "x" in task.partners.refs


def test_role_labels_in_vietnamese():
    assert role_label({"partner", "lead"}) == "Chủ trì, Phối hợp"
    assert role_label({"related"}) == "Liên quan"
