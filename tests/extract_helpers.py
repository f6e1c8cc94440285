"""Shared helpers of the ``sgnet.extract`` tests (``tests/test_extract_*.py``)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

__all__ = ["DATA", "SEED_002", "one", "value"]

DATA = Path(__file__).resolve().parents[1] / "benchmarks" / "extract_data"
SEED_002 = DATA / "seed_002_bf2ee07ba5deb974.txt"


def one(df: pd.DataFrame, kind: str) -> pd.Series:
    """The single row of ``kind`` in ``df`` (fails, showing the rows, if not exactly one)."""
    rows = df[df["kind"] == kind]
    assert len(rows) == 1, df[["kind", "start_date", "count", "participants", "evidence"]]
    return rows.iloc[0]


def value(x):
    """``x`` as an int, or None when it is missing."""
    return None if pd.isna(x) else int(x)
