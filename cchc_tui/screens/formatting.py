"""Small text helpers shared by screens: themed cells."""

from __future__ import annotations

from rich.text import Text


def themed(text: str, colors: dict[str, str], variable: str, *, bold: bool = False) -> Text:
    """Rich text coloured with a theme variable (DataTable cells don't resolve `$variables`)."""
    style = colors.get(variable, "")
    return Text(text, style=f"bold {style}".strip() if bold else style)
