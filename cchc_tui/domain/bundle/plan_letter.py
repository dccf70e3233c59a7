"""A plan the office signs: the plan document (the seed-file shape of plans-as-data) and
the registry entries of the agencies it names (docs/office-envelopes.md, "Plan")."""

from __future__ import annotations

from nacl.signing import SigningKey

from cchc_tui.domain.agencies import Agency
from cchc_tui.domain.bundle.envelope import PAYLOAD_PLAN
from cchc_tui.domain.bundle.letters import Letter, bad_body, open_letter, seal_letter
from cchc_tui.domain.bundle.registry import agencies_of, entry_of

PLAN_KIND = "plan"


def named_agencies(document: dict) -> set[str]:
    """Ids of the agencies a plan document's tasks name as lead or partner."""
    return {
        ref
        for task in document.get("tasks", ())
        for column in ("lead", "partners")
        for ref in task.get(column, {}).get("refs", ())
        if not ref.startswith("@")
    }


def make_plan_letter(
    document: dict, agencies: list[Agency], signing_key: SigningKey, *, issued_at: str
) -> bytes:
    """The signed plan: its document and the registry entries it names."""
    fields = {"plan": document, "agencies": [entry_of(a) for a in agencies]}
    return seal_letter(PAYLOAD_PLAN, PLAN_KIND, fields, signing_key, issued_at=issued_at)


def read_plan_letter(
    raw: bytes, office_keys: dict[str, bytes], *, known: set[str]
) -> tuple[dict, list[Agency], Letter]:
    """Verify a plan letter; its entries may refer to agencies already `known` here."""
    letter = open_letter(
        raw,
        payload_type=PAYLOAD_PLAN,
        kind=PLAN_KIND,
        fields={"plan", "agencies"},
        office_keys=office_keys,
    )
    document = letter.body["plan"]
    if not isinstance(document, dict) or not isinstance(document.get("tasks"), list):
        raise bad_body("kế hoạch")
    if not all(isinstance(t, dict) for t in document["tasks"]):
        raise bad_body("nhiệm vụ")
    agencies = agencies_of(letter.body["agencies"], known=known)
    try:
        named = named_agencies(document)
    except (AttributeError, TypeError):
        raise bad_body("cơ quan chủ trì, phối hợp của nhiệm vụ") from None
    missing = named - {a.id for a in agencies} - known
    if missing:
        raise bad_body(f"kế hoạch nêu cơ quan không có trong tệp: {', '.join(sorted(missing))}")
    return document, agencies, letter
