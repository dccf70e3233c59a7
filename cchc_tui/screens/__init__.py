"""Screens of the app: each presents data from services and forwards intent."""
