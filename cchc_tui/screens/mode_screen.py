"""A screen that opens one of the app's modes, styled once instead of three times.

Textual 8.2.8 (pinned) does double work for the first screen of a mode: `_init_mode`
refreshes the whole CSS and posts `ScreenResume`, then `switch_mode` refreshes the CSS
again (the new screen's CSS counter was never set) and posts a second `ScreenResume`.
Each CSS refresh parses every stylesheet from scratch; each resume restyles every widget
of the screen. On the office's F7 that was about a fifth of the work before the first
paint. A new screen is styled when its widgets mount, with the CSS of that moment, so:
  - the screen starts with the app's CSS counter: no refresh for a screen just made;
  - a resume that follows another one with no suspend between keeps the styles it has.
A screen that comes back after a suspend (another mode, a theme change) restyles as usual.
"""

from __future__ import annotations

from textual import events
from textual._context import active_app
from textual.screen import Screen


class ModeScreen(Screen[None]):
    """A `Screen` whose first showing styles its widgets once."""

    _resumed = False

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        app = active_app.get(None)
        if app is not None:  # made by a running app: its stylesheet is current
            self._css_update_count = app._css_update_count

    # Textual calls the handler of each class in the MRO, this one before Screen's: no super()

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        if self._resumed:  # resumed twice in a row: nothing changed in between
            event.refresh_styles = False
        self._resumed = True

    def _on_screen_suspend(self) -> None:
        self._resumed = False
