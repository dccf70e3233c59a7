"""Screens of the receiving office (Sở Nội vụ); the app pushes `ReceiverHomeScreen(ws)`."""

from cchc_tui.screens.receiver.home import ReceiverHomeScreen

__all__ = ["ReceiverHomeScreen"]
