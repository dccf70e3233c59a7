"""The command palette's source: every action of the app and of the screen on top.

Matching folds diacritics and case, so "luu tien do" finds "Lưu tiến độ".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from textual.command import DiscoveryHit, Hit, Hits, Provider

from cchc_tui.domain.text import fold


class PaletteCommand(NamedTuple):
    """One entry of the command palette."""

    title: str
    help: str
    callback: Callable[[], object]


class ActionsProvider(Provider):
    """Commands from `CchcApp.palette_commands`, matched without diacritics."""

    def _commands(self) -> list[PaletteCommand]:
        source = getattr(self.app, "palette_commands", None)
        return list(source(self.screen)) if source is not None else []

    async def discover(self) -> Hits:
        for command in self._commands():
            yield DiscoveryHit(command.title, command.callback, help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(fold(query))
        for command in self._commands():
            score = matcher.match(fold(f"{command.title} {command.help}"))
            title_score = matcher.match(fold(command.title))
            if max(score, title_score) > 0:
                yield Hit(
                    max(title_score, score * 0.8),
                    command.title,
                    command.callback,
                    help=command.help,
                )
