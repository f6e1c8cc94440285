"""PDF of a report page, printed by headless Chromium (``--format pdf``).

The page's print stylesheet (A4, a page break before each section, no card or figure split
across pages) makes the PDF; Chromium prints it as a browser's "Print → Save as PDF" would.
Chromium is not a Python package: where it is missing, :func:`find_browser` says how to get it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from .errors import ReportError

__all__ = ["BROWSERS", "find_browser", "require_browser", "print_pdf"]

#: the names of a Chromium or Chrome binary, tried in order (``SGNET_CHROMIUM`` first)
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
_HOW = ("--format pdf prints the page with headless Chromium, which was not found: install it "
        "(Debian/Ubuntu: apt-get install chromium) or set SGNET_CHROMIUM to a Chrome binary")


def find_browser() -> str | None:
    """The Chromium or Chrome binary to print with, or None.

    Examples
    --------
    >>> find_browser() is None or Path(find_browser()).name != ""
    True
    """
    env = os.environ.get("SGNET_CHROMIUM")
    if env:
        return env
    return next((p for p in map(shutil.which, BROWSERS) if p), None)


def require_browser() -> str:
    """The browser binary, or a :class:`~sgnet.errors.ReportError` saying how to get one.

    Examples
    --------
    >>> os.environ.get("SGNET_CHROMIUM") or require_browser() is not None  # doctest: +SKIP
    True
    """
    binary = find_browser()
    if binary is None:
        raise ReportError(_HOW)
    return binary


def print_pdf(html: str | Path, pdf: str | Path, *, timeout: float = 120) -> Path:
    """Print the page ``html`` to ``pdf`` with headless Chromium (A4, no header or footer).

    Raises
    ------
    ReportError
        If no browser is found, or it fails or writes nothing.

    Examples
    --------
    >>> print_pdf("reports/2023Q2/all.html", "reports/2023Q2/all.pdf")  # doctest: +SKIP
    PosixPath('.../reports/2023Q2/all.pdf')
    """
    binary = require_browser()
    html, pdf = Path(html).resolve(), Path(pdf).resolve()
    with tempfile.TemporaryDirectory(prefix="sgnet-print-") as profile:
        cmd = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
               "--disable-extensions", "--disable-background-networking",
               "--host-resolver-rules=MAP * ~NOTFOUND", f"--user-data-dir={profile}",
               "--no-pdf-header-footer", f"--print-to-pdf={pdf}", html.as_uri()]
        try:
            done = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True,
                                  timeout=timeout, check=False)
        except (OSError, subprocess.TimeoutExpired) as err:
            raise ReportError(f"printing {html.name} to PDF failed: {err}") from err
    if not pdf.exists() or pdf.stat().st_size == 0:
        tail = done.stderr.decode(errors="replace").strip().splitlines()[-1:]
        raise ReportError(f"printing {html.name} to PDF failed: {' '.join(tail)}")
    return pdf
