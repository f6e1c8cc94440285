"""Tables for Excel and WPS: text stays text, nothing sgnet writes can run as a formula.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is taken as a
formula when a CSV file is opened in Excel or WPS (OWASP, "CSV Injection"); so is one that
starts with their full-width forms ``＝``, ``＋``, ``－``, ``＠`` in a Chinese or Japanese Excel or
WPS, which reads them as the ASCII signs. Every CSV sgnet
writes for people goes through :func:`write_csv`, which prefixes such text with an apostrophe
(``'=HYPERLINK(...)``), as OWASP advises; :func:`sgnet.load` removes that apostrophe again
(:func:`restore`), so the value loads back unchanged. In a workbook, :func:`text_cell` stores
text as a string cell, never as a formula.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import SgnetError

if TYPE_CHECKING:  # pandas and openpyxl load only when a table is written
    import pandas as pd
    from openpyxl.cell import Cell

__all__ = ["FORMULA_START", "DEFUSED", "defuse", "restore", "write_csv", "text_cell"]

#: first characters that make a spreadsheet read a cell as a formula
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
#: text :func:`defuse` wrote: an apostrophe, then a character of :data:`FORMULA_START`
DEFUSED = re.compile("'[" + re.escape("".join(FORMULA_START)) + "]")
#: characters a workbook cannot hold (XML 1.0 forbids them)
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def defuse(value: object) -> object:
    """``value`` with an apostrophe before text a spreadsheet would run as a formula.

    Examples
    --------
    >>> defuse("=cmd|' /C calc'!A0"), defuse("培训"), defuse(-5), defuse("-5")
    ("'=cmd|' /C calc'!A0", '培训', -5, "'-5")
    """
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def restore(value: object) -> object:
    """The value :func:`defuse` was given: its apostrophe removed again.

    Examples
    --------
    >>> restore("'=HYPERLINK(\\"x\\")"), restore("'tis"), restore("='x'")
    ('=HYPERLINK("x")', "'tis", "='x'")
    """
    if isinstance(value, str) and DEFUSED.match(value):
        return value[1:]
    return value


def write_csv(frame: pd.DataFrame, path: str | Path, *, overwrite: bool = False) -> Path:
    """Write ``frame`` as a UTF-8 CSV (with BOM, for Excel) whose text cells are defused.

    The file is written beside ``path`` and renamed into place, so a failed write leaves
    nothing half-written.

    Raises
    ------
    SgnetError
        If ``path`` is a folder, exists and ``overwrite`` is false, or cannot be written.

    Examples
    --------
    >>> import pandas as pd, tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "x.csv"
    >>> _ = write_csv(pd.DataFrame({"name": ["=1+1", "甲"]}), out)
    >>> out.read_text(encoding="utf-8-sig").splitlines()
    ['name', "'=1+1", '甲']
    """
    path = Path(path)
    if path.is_dir():  # --force would not help: say what to give instead
        raise SgnetError(f"{path} is a folder; give a file name, e.g. {path / 'out.csv'}")
    if path.exists() and not overwrite:
        raise SgnetError(f"{path} exists; pass --force to replace it, or choose another name")
    safe = frame.astype(object).map(defuse)  # text cells only: numbers pass unchanged
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8-sig", newline="") as f:
            safe.to_csv(f, index=False)
        os.replace(tmp, path)
    except OSError as err:
        if "tmp" in locals():
            Path(tmp).unlink(missing_ok=True)
        raise SgnetError(f"cannot write {path}: {err.strerror or err}") from None
    return path


def text_cell(cell: Cell, value: object, *, where: str = "") -> Cell:
    """Put ``value`` in a workbook cell; text is stored as text, never as a formula.

    Raises
    ------
    SgnetError
        If the text holds a control character a workbook cannot store; ``where`` (e.g.
        ``活动 row 12, topic``) says which cell.

    Examples
    --------
    >>> from openpyxl import Workbook
    >>> ws = Workbook().active
    >>> c = text_cell(ws["A1"], "=HYPERLINK(1)")
    >>> c.value, c.data_type
    ('=HYPERLINK(1)', 's')
    """
    if isinstance(value, str):
        if bad := _ILLEGAL.search(value):
            raise SgnetError(f"{where or cell.coordinate}: {value[:40]!r} holds the control "
                             f"character U+{ord(bad.group()):04X}, which Excel cannot store; "
                             "remove it from the data")
        cell.value = value
        cell.data_type = "s"  # openpyxl would store text starting with "=" as a formula
    else:
        cell.value = value
    return cell
