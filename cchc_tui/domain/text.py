"""Text normalisation: NFC for storage, diacritic folding for search."""

from __future__ import annotations

import unicodedata

_SPECIAL = str.maketrans({"đ": "d", "Đ": "d"})


def nfc(text: str) -> str:
    """Return `text` in Unicode NFC, the form every stored string uses."""
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Fold case and Vietnamese diacritics: "Sở Nội vụ" -> "so noi vu"."""
    decomposed = unicodedata.normalize("NFD", text.translate(_SPECIAL))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


def squash(text: str) -> str:
    """Collapse runs of whitespace (line breaks of the source layout) to one space."""
    return " ".join(text.split())
