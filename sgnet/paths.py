"""Project paths, computed from this file's location (nothing is read at import time)."""

from __future__ import annotations

from pathlib import Path

__all__ = ["PACKAGE_DIR", "PROJECT_DIR", "SAMPLE_DATA", "NOTEBOOKS", "REPORTS", "TEMPLATES"]

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent
SAMPLE_DATA = PROJECT_DIR / "data" / "sample"
NOTEBOOKS = PROJECT_DIR / "notebooks"
REPORTS = PROJECT_DIR / "reports"
TEMPLATES = PACKAGE_DIR / "templates"
