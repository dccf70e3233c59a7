"""Signed submission bundle: the pure domain layer of the contract (no UI, no database).

See docs/bundle.md for the body, the envelope file and the choices the contract leaves open.
"""
