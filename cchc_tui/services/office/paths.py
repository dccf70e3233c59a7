"""What an officer types or pastes as the files to import, read as paths.

Windows folders have spaces ("Thư đến 2") and backslashes (`C:\\Users\\...`); a path
dragged into a terminal arrives in quotes. No shell rules apply: a backslash is a
path separator, never an escape.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

_PIECE = re.compile(r'"([^"]*)"|\'([^\']*)\'|(\S+)')
SEPARATOR = ";"


def _unquote(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        return text[1:-1].strip()
    return text


def split_paths(text: str, exists: Callable[[Path], bool] = Path.exists) -> list[Path]:
    """The paths in `text`: `;`-separated, quoted, or one path with its spaces kept.

    Unquoted words are taken as several paths only when each of them exists and the
    whole text does not: `a.json b.json` is two files, `D:\\Thư đến 2` is one folder.
    """
    text = text.strip()
    if not text:
        return []
    if SEPARATOR in text:
        return [Path(_unquote(p)).expanduser() for p in text.split(SEPARATOR) if _unquote(p)]
    whole = Path(_unquote(text)).expanduser()
    if exists(whole):
        return [whole]
    if '"' in text or "'" in text:
        pieces = [next(g for g in m.groups() if g is not None) for m in _PIECE.finditer(text)]
        return [Path(p).expanduser() for p in pieces if p.strip()]
    words = [Path(w).expanduser() for w in text.split()]
    if len(words) > 1 and all(exists(w) for w in words):
        return words
    return [whole]
