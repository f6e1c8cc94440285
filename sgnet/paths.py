"""Project paths, computed from this file's location (nothing is read at import time).

The bundled sample and the report notebooks are ``data/sample/`` and ``notebooks/`` in a
checkout (and an editable install); a plain ``pip install .`` puts them inside the package as
``sgnet/sample/`` and ``sgnet/notebooks/`` (see ``pyproject.toml``). Reports go to
``reports/`` under the folder the user runs in, never inside the installed package.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["PACKAGE_DIR", "PROJECT_DIR", "SAMPLE_DATA", "NOTEBOOKS", "TEMPLATES",
           "reports_dir", "last_name"]

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent
TEMPLATES = PACKAGE_DIR / "templates"


def _shipped(inside: str, checkout: Path) -> Path:
    installed = PACKAGE_DIR / inside
    return installed if installed.is_dir() else checkout


SAMPLE_DATA = _shipped("sample", PROJECT_DIR / "data" / "sample")
NOTEBOOKS = _shipped("notebooks", PROJECT_DIR / "notebooks")


def reports_dir() -> Path:
    """Where reports go by default: ``reports/`` under the current folder.

    Examples
    --------
    >>> reports_dir() == Path.cwd() / "reports"
    True
    """
    return Path.cwd() / "reports"


def last_name(path: str | Path) -> str:
    """The file or folder name a path ends with, whichever system wrote it: what a file given
    to others says of its data (a whole path can carry a person's name).

    Examples
    --------
    >>> last_name(r"C:\\Users\\王小明\\台账.xlsx"), last_name("/home/wang/data/sample/")
    ('台账.xlsx', 'sample')
    """
    return str(path).rstrip("\\/").replace("\\", "/").rsplit("/", 1)[-1]
