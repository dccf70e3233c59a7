"""Render a Word report to PDF and PNG pages to look at it: LibreOffice headless + pdftoppm.

    python scripts/render_docx.py REPORT.docx [OUT_FOLDER]

Installs libreoffice-writer, poppler-utils and fonts-liberation2 (Times New Roman's
metrics) with apt-get when they are missing (as root,
Debian/Ubuntu); not needed by CI. Prints the PDF and each PNG page written.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def ensure_tools() -> None:
    """`soffice` and `pdftoppm` on PATH, installed from the distribution when missing."""
    writer = os.name == "nt" or not shutil.which("dpkg") or _installed("libreoffice-writer")
    if shutil.which("soffice") and shutil.which("pdftoppm") and writer:
        return
    if os.name == "nt" or not shutil.which("apt-get"):
        sys.exit("Cần LibreOffice (soffice) và poppler (pdftoppm) trên PATH.")
    subprocess.run(["apt-get", "update", "-q"], check=True)
    subprocess.run(
        [
            "apt-get",
            "install",
            "-y",
            "-q",
            "libreoffice-writer",
            "poppler-utils",
            "fonts-liberation2",
        ],
        check=True,
    )


def _installed(package: str) -> bool:
    """True when the Debian package is installed (Calc alone cannot open a .docx)."""
    done = subprocess.run(["dpkg", "-s", package], capture_output=True, check=False)
    return done.returncode == 0


def render(docx: Path, out: Path) -> list[Path]:
    """docx → out/NAME.pdf → out/NAME-1.png …; returns the PDF then the pages."""
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as profile:  # a private LibreOffice profile: no lock clash
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out),
                str(docx),
            ],
            check=True,
            capture_output=True,
        )
    pdf = out / f"{docx.stem}.pdf"
    subprocess.run(["pdftoppm", "-png", "-r", "70", str(pdf), str(out / docx.stem)], check=True)
    return [pdf, *sorted(out.glob(f"{docx.stem}-*.png"))]


def main() -> None:
    """Command line: the report, and the folder for the PDF and pages (default: beside it)."""
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    docx = Path(sys.argv[1]).resolve()
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else docx.parent / f"{docx.stem}-pages"
    ensure_tools()
    for path in render(docx, out):
        print(path)


if __name__ == "__main__":
    main()
