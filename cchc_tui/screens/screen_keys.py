"""A screen's F-key brings that screen to the front from anywhere: the app's modes (F2, F3,
F7) and the screens opened over them (F1, F5, F6). What covers the screen asked for closes
as its Esc would, so whoever opened it gets its result (the office's home reloads after an
import); nothing closes while a form or a question is open."""

from __future__ import annotations

import inspect
from collections.abc import Callable

from textual.app import App
from textual.screen import ModalScreen, Screen


class ScreenKeys(App[None]):
    """The app's part that brings a screen to the front."""

    def show_mode(self, mode: str) -> None:
        """Switch to `mode`, then close what was opened over its first screen."""
        self.switch_mode(mode)
        while len(self.screen_stack) > 1 and not isinstance(self.screen, ModalScreen):
            self.close_top()

    def show_screen(self, kind: type[Screen], make: Callable[[], Screen]) -> None:
        """Back to the screen of `kind` when it is open under the one on top (what is over it
        closes), else open `make()` on top."""
        stack = self.screen_stack
        below = [i for i, screen in enumerate(stack) if isinstance(screen, kind)]
        if below and not any(isinstance(s, ModalScreen) for s in stack[below[-1] :]):
            while not isinstance(self.screen, kind):
                self.close_top()
        else:
            self.push_screen(make())

    def close_top(self) -> None:
        """Close the screen on top as its Esc key would. A screen whose Esc first leaves a
        step of its own (export's new-key form) gets a second Esc, then is simply removed."""
        top = self.screen
        for _ in range(2):
            escape = top._bindings.key_to_bindings.get("escape", [])
            name = escape[0].action if escape else "dismiss"
            action = getattr(top, f"action_{name}", None)
            if action is None or name == "dismiss" or inspect.iscoroutinefunction(action):
                top.dismiss()
            else:
                action()
            if self.screen is not top:
                return
        self.pop_screen()
