"""Score ``sgnet.extract`` against the labeled reports in ``benchmarks/extract_data/``.

Run ``python benchmarks/extract_eval.py`` (``--show`` also prints every miss and false row).

Matching rule
-------------
A labeled fact (a row of ``labels.csv``) matches an extracted row when both come from the same
file and have the same ``kind``, and, for each of ``start_date``, ``count`` and ``participants``
that the label fills, the row has the same value (an empty label field is not checked).
Matching is one to one, greedy in label order, each label taking the first unmatched row that
agrees. Recall = matched labels / labels; precision = matched rows / extracted rows, so every
row extracted from a report with no labels (the distractor files) is a false positive.
Scores are printed per kind and overall, for the ``dev`` split (seeds and ``r*`` reports, used
while tuning) and the ``test`` split (``t*`` reports, written before the extractor and held out).
A file's split is ``test`` when its name starts with ``t``, else ``dev``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent
DATA = ROOT / "extract_data"
sys.path.insert(0, str(ROOT.parent))

from sgnet.extract import extract_files  # noqa: E402

CHECKED = ("start_date", "count", "participants")


def split_of(name: str) -> str:
    """Split of a report file: ``test`` for ``t*`` files, else ``dev``."""
    return "test" if name.startswith("t") else "dev"


def load_labels(path: Path = DATA / "labels.csv") -> pd.DataFrame:
    """Labeled facts, every column as text (empty when not labeled)."""
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def _agrees(label: pd.Series, row: pd.Series) -> bool:
    for column in CHECKED:
        want = label[column]
        if want == "":
            continue
        got = row[column]
        got = "" if pd.isna(got) else str(got)
        if got != want:
            return False
    return True


def match(labels: pd.DataFrame, rows: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Greedy one-to-one matching; returns (label matched?, row matched?) boolean Series."""
    label_hit = pd.Series(False, index=labels.index)
    row_hit = pd.Series(False, index=rows.index)
    for i, label in labels.iterrows():
        pool = rows[(rows["source"] == label["file"]) & (rows["kind"] == label["kind"])
                    & ~row_hit]
        for j, row in pool.iterrows():
            if _agrees(label, row):
                label_hit[i] = row_hit[j] = True
                break
    return label_hit, row_hit


def _prf(tp_labels: int, n_labels: int, tp_rows: int, n_rows: int) -> tuple[float, ...]:
    recall = tp_labels / n_labels if n_labels else float("nan")
    precision = tp_rows / n_rows if n_rows else float("nan")
    f1 = 2 * recall * precision / (recall + precision) if recall + precision else 0.0
    return recall, precision, f1


def score(labels: pd.DataFrame, rows: pd.DataFrame) -> pd.DataFrame:
    """Recall, precision and F1 per kind and overall (tidy table)."""
    label_hit, row_hit = match(labels, rows)
    out = []
    kinds = sorted(set(labels["kind"]) | set(rows["kind"]))
    for kind in [*kinds, "ALL"]:
        lab = labels["kind"].eq(kind) if kind != "ALL" else labels["kind"].notna()
        row = rows["kind"].eq(kind) if kind != "ALL" else rows["kind"].notna()
        r, p, f = _prf(int(label_hit[lab].sum()), int(lab.sum()),
                       int(row_hit[row].sum()), int(row.sum()))
        out.append({"kind": kind, "labels": int(lab.sum()), "rows": int(row.sum()),
                    "recall": r, "precision": p, "f1": f})
    return pd.DataFrame(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print misses and false rows")
    args = parser.parse_args(argv)
    labels = load_labels()
    files = sorted(p for p in DATA.glob("*.txt"))
    rows = extract_files(files)
    for split in ("dev", "test"):
        lab = labels[labels["file"].map(split_of) == split].reset_index(drop=True)
        sub = rows[rows["source"].map(split_of) == split].reset_index(drop=True)
        print(f"\n== {split}: {sub['source'].nunique()} files with rows, "
              f"{lab['file'].nunique()} labeled files")
        print(score(lab, sub).to_string(index=False, float_format=lambda x: f"{x:.3f}"))
        if args.show:
            label_hit, row_hit = match(lab, sub)
            print("-- missed labels:")
            print(lab[~label_hit].to_string())
            print("-- unmatched rows:")
            cols = ["source", "kind", "start_date", "count", "participants", "evidence"]
            print(sub.loc[~row_hit, cols].to_string())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
