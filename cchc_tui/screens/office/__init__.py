"""Screens of the receiving office (Sở Nội vụ); the app pushes `OfficeHomeScreen(ws)`."""

from cchc_tui.screens.office.home import OfficeHomeScreen

__all__ = ["OfficeHomeScreen"]
