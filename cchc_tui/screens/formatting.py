"""Small text helpers shared by screens: percentages, themed cells."""

from __future__ import annotations

from rich.text import Text


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
