"""Which wheels a target machine (OS, CPython version) would install from a folder.

`pip download --platform` evaluates dependency markers (`sys_platform == "win32"`) on the
machine that runs it, not on the target; this module walks the dependency tree again with
the target's own markers and tags, so a bundle built on Linux is checked for Windows.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from email.parser import HeaderParser
from pathlib import Path

try:
    from packaging.requirements import Requirement
    from packaging.specifiers import SpecifierSet
    from packaging.tags import Tag, compatible_tags, cpython_tags
    from packaging.utils import canonicalize_name, parse_wheel_filename
    from packaging.version import Version
except ImportError:  # pip carries its own copy
    from pip._vendor.packaging.requirements import Requirement
    from pip._vendor.packaging.specifiers import SpecifierSet
    from pip._vendor.packaging.tags import Tag, compatible_tags, cpython_tags
    from pip._vendor.packaging.utils import canonicalize_name, parse_wheel_filename
    from pip._vendor.packaging.version import Version

MANYLINUX = [f"manylinux_2_{minor}_x86_64" for minor in range(28, 4, -1)] + [
    "manylinux2014_x86_64",
    "manylinux2010_x86_64",
    "manylinux1_x86_64",
]


@dataclass(frozen=True)
class Target:
    """A kind of office PC: its wheel platform tags and the markers pip would see there."""

    name: str
    platforms: tuple[str, ...]
    markers: dict[str, str] = field(hash=False)

    def environment(self, python: str) -> dict[str, str]:
        """Marker values of CPython `python` ("3.12") on this target."""
        return {
            **self.markers,
            "python_version": python,
            "python_full_version": f"{python}.0",
            "implementation_name": "cpython",
            "implementation_version": f"{python}.0",
            "platform_python_implementation": "CPython",
            "platform_release": "",
            "platform_version": "",
            "extra": "",
        }

    def tags(self, python: str) -> set[Tag]:
        """Wheel tags CPython `python` accepts on this target."""
        version = tuple(int(part) for part in python.split("."))
        abi = "cp" + python.replace(".", "")
        return {
            *cpython_tags(version, [abi, "abi3", "none"], self.platforms),
            *compatible_tags(version, abi, self.platforms),
        }


TARGETS = {
    "windows": Target(
        "windows",
        ("win_amd64",),
        {
            "sys_platform": "win32",
            "platform_system": "Windows",
            "os_name": "nt",
            "platform_machine": "AMD64",
        },
    ),
    "linux": Target(
        "linux",
        tuple(MANYLINUX),
        {
            "sys_platform": "linux",
            "platform_system": "Linux",
            "os_name": "posix",
            "platform_machine": "x86_64",
        },
    ),
}


@dataclass(frozen=True)
class Wheel:
    """One wheel file in the folder, with what its METADATA says."""

    path: Path
    name: str
    version: Version
    tags: frozenset[Tag]
    requires: tuple[str, ...]
    requires_python: str


def read_wheel(path: Path) -> Wheel:
    """Name, version, tags and dependencies of a wheel file."""
    name, version, _build, tags = parse_wheel_filename(path.name)
    with zipfile.ZipFile(path) as archive:
        meta_name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        meta = HeaderParser().parsestr(archive.read(meta_name).decode("utf-8"))
    return Wheel(
        path,
        str(name),
        version,
        frozenset(tags),
        tuple(meta.get_all("Requires-Dist") or ()),
        meta.get("Requires-Python") or "",
    )


def missing_requirements(folder: Path, root: str, target: Target, python: str) -> list[str]:
    """Requirements of `root` (a project name) that no wheel in `folder` meets on the target.

    Picks, like pip, the highest version whose tags and Requires-Python fit; an empty list
    means an offline install of `root` on that machine will find everything it needs.
    """
    accepted, env = target.tags(python), target.environment(python)
    wheels: dict[str, list[Wheel]] = {}
    for path in folder.glob("*.whl"):
        wheel = read_wheel(path)
        wheels.setdefault(canonicalize_name(wheel.name), []).append(wheel)
    missing: list[str] = []
    seen: set[tuple[str, str]] = set()
    queue = [(Requirement(root), "")]
    while queue:
        requirement, extra = queue.pop()
        if requirement.marker is not None and not requirement.marker.evaluate(
            {**env, "extra": extra}
        ):
            continue
        name = canonicalize_name(requirement.name)
        fits = [
            w
            for w in wheels.get(name, [])
            if w.tags & accepted
            and requirement.specifier.contains(w.version, prereleases=True)
            and SpecifierSet(w.requires_python).contains(python + ".0", prereleases=True)
        ]
        if not fits:
            extras = f"[{','.join(sorted(requirement.extras))}]" if requirement.extras else ""
            missing.append(f"{requirement.name}{extras}{requirement.specifier}")
            continue
        best = max(fits, key=lambda w: w.version)
        for wanted_extra in ("", *sorted(requirement.extras)):
            if (name, wanted_extra) in seen:
                continue
            seen.add((name, wanted_extra))
            queue.extend((Requirement(r), wanted_extra) for r in best.requires)
    return sorted(set(missing))
