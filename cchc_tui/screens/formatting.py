"""Small text helpers shared by screens: times, percentages."""

from __future__ import annotations

from rich.text import Text


def when(iso: str) -> str:
    """`2025-03-10T09:05:00+07:00` -> `09:05 10/03/2025`."""
    if len(iso) < 16:
        return iso
    return f"{iso[11:16]} {iso[8:10]}/{iso[5:7]}/{iso[:4]}"


def percent_bp(bp: int) -> str:
    """Basis points as a Vietnamese percentage: 8050 -> `80,5%`, 9000 -> `90%`."""
    whole, rest = divmod(bp, 100)
    if rest == 0:
        return f"{whole}%"
    return f"{whole},{rest:02d}".rstrip("0") + "%"


def themed(text: str, colors: dict[str, str], variable: str, *, bold: bool = False) -> Text:
    """Rich text coloured with a theme variable (DataTable cells don't resolve `$variables`)."""
    style = colors.get(variable, "")
    return Text(text, style=f"bold {style}".strip() if bold else style)
