"""Score ``sgnet.extract`` against labelled reports: a held-out corpus and the older set.

Run ``python benchmarks/extract_eval.py``. ``--show dev`` also prints the misses and false rows
of one split (do not look at the test split's while writing rules).

Sets
----
``extract_corpus``
    Sixty reports of five genres written for this benchmark (``extract_corpus/README.md``),
    split once into ``dev`` and ``test`` halves by :func:`make_split` (a seeded shuffle within
    "has labels" and "nothing to extract" strata), committed as ``split.csv`` before any rule
    was written against it.
``extract_corpus/late``
    Sixteen more reports written after the rules were frozen and scored once before any rule
    was changed for them (``late``): the one set here whose author had not seen it while
    writing rules.
``extract_corpus/late2``
    Fourteen more written after the rules had been changed for ``late`` (``late2``), scored
    once in the same way.
``extract_corpus/late3``
    Fourteen more written after the rules had been changed for ``late2`` (``late3``), scored
    once in the same way.
``extract_corpus/late4``
    Fourteen more written after the rules had been changed for ``late3`` (``late4``), scored
    once in the same way.
``extract_corpus/late5``
    Twelve more written after the last rule change and never tuned on (``late5``): the final
    held-out figure.
``extract_corpus/blind``
    Thirty reports written by someone who never read the rules, the earlier reports or their
    labels (``blind``, ``labels_blind.csv``), scored once in the same way.
``extract_corpus/blind2`` … ``blind19``
    Thirty reports each by eighteen more authors in the same position, each scored once on first
    sight (``labels_blind2.csv`` …); the table of those first scores is in the corpus README.
``extract_data``
    The older set (seeds, ``r*`` and ``t*`` reports) that the first rules were written against,
    reported as ``legacy``.

Matching rule
-------------
A labelled fact (a row of ``labels.csv``) matches an extracted row when both come from the same
file and have the same ``kind``, and, for each of ``start_date``, ``end_date``, ``count`` and
``participants`` that the label fills, the row has the same value (an empty label field is not
checked: an ambiguous day, a number the text does not give; an end date equal to the start
date counts as empty, a one-day event). Among the rows that agree with a
label, labels and rows are paired one to one by a maximum bipartite matching, per file and kind.
Recall = matched labels / labels; precision = matched rows / extracted rows, so every row from a
report with nothing to extract is a false positive. F1 is their harmonic mean.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent
CORPUS = ROOT / "extract_corpus"
LEGACY = ROOT / "extract_data"
sys.path.insert(0, str(ROOT.parent))

from sgnet.extract import extract_files  # noqa: E402

CHECKED = ("start_date", "end_date", "count", "participants")
#: the sets written later, in the order they were written (``extract_corpus/<name>/``)
LATE = ("late", "late2", "late3", "late4", "late5", "blind", "blind2", "blind3", "blind4", "blind5",
        "blind6", "blind7", "blind8", "blind9", "blind10", "blind11", "blind12", "blind13",
        "blind14", "blind15", "blind16", "blind17", "blind18", "blind19")
SETS = ("dev", "test", *LATE, "legacy")
SEED = 20261202


def make_split(files: list[str], labelled: set[str], *, seed: int = SEED) -> pd.DataFrame:
    """Split report files into ``dev`` and ``test`` halves by a seeded shuffle.

    Files with labels and files with nothing to extract are shuffled separately (sorted first,
    then ``random.Random(seed).shuffle``) and each stratum is cut in half, so both halves get
    their share of empty reports. Called once to write ``split.csv``; the scores read the CSV.

    Examples
    --------
    >>> make_split(["a", "b", "c", "d"], {"a", "b"})["split"].value_counts().to_dict()
    {'dev': 2, 'test': 2}
    """
    rng = random.Random(seed)
    out = []
    for stratum in (sorted(f for f in files if f in labelled),
                    sorted(f for f in files if f not in labelled)):
        rng.shuffle(stratum)
        half = (len(stratum) + 1) // 2
        out += [(f, "dev" if i < half else "test") for i, f in enumerate(stratum)]
    return pd.DataFrame(out, columns=["file", "split"]).sort_values("file", ignore_index=True)


def load_labels(path: Path) -> pd.DataFrame:
    """Labelled facts, every column as text (empty when not labelled).

    An ``end_date`` equal to the ``start_date`` says the same as an empty one (a one-day
    event): some labellers write it, the extractor leaves it empty; it is not checked.
    """
    labels = pd.read_csv(path, dtype=str, keep_default_na=False)
    for column in CHECKED:
        if column not in labels:
            labels[column] = ""
    labels.loc[labels["end_date"] == labels["start_date"], "end_date"] = ""
    return labels


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
    """Maximum one-to-one matching; returns (label matched?, row matched?) boolean Series."""
    label_hit = pd.Series(False, index=labels.index)
    row_hit = pd.Series(False, index=rows.index)
    owner: dict = {}  # row index -> label index

    def augment(i, edges, seen) -> bool:
        for j in edges[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], edges, seen):
                owner[j] = i
                return True
        return False

    edges = {}
    for i, label in labels.iterrows():
        pool = rows[(rows["source"] == label["file"]) & (rows["kind"] == label["kind"])]
        edges[i] = [j for j, row in pool.iterrows() if _agrees(label, row)]
    for i in labels.index:
        augment(i, edges, set())
    for j, i in owner.items():
        label_hit[i] = row_hit[j] = True
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


def _sets() -> list[tuple[str, list[Path], pd.DataFrame]]:
    """(name, files, labels) for the corpus halves and the legacy set."""
    split = pd.read_csv(CORPUS / "split.csv", dtype=str)
    labels = load_labels(CORPUS / "labels.csv")
    out = []
    for half in ("dev", "test"):
        names = set(split.loc[split["split"] == half, "file"])
        out.append((half, sorted(CORPUS / "docs" / n for n in names),
                    labels[labels["file"].isin(names)].reset_index(drop=True)))
    for name in LATE:
        out.append((name, sorted((CORPUS / name).glob("*.txt")),
                    load_labels(CORPUS / f"labels_{name}.csv")))
    legacy = sorted(p for p in LEGACY.glob("*.txt"))
    out.append(("legacy", legacy, load_labels(LEGACY / "labels.csv")))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", choices=SETS,
                        help="print the misses and false rows of this set")
    parser.add_argument("--write-split", action="store_true",
                        help="(once) write extract_corpus/split.csv from the seeded shuffle")
    args = parser.parse_args(argv)
    if args.write_split:
        labels = load_labels(CORPUS / "labels.csv")
        files = sorted(p.name for p in (CORPUS / "docs").glob("*.txt"))
        make_split(files, set(labels["file"])).to_csv(CORPUS / "split.csv", index=False)
        return 0
    fmt = {"float_format": lambda x: f"{x:.3f}", "index": False}
    for name, files, labels in _sets():
        rows = extract_files(files)
        print(f"\n== {name}: {len(files)} files, {labels['file'].nunique()} with labels, "
              f"{len(labels)} labelled facts, {len(rows)} rows")
        print(score(labels, rows).to_string(**fmt))
        if args.show == name:
            label_hit, row_hit = match(labels, rows)
            with pd.option_context("display.width", 250, "display.max_colwidth", 60):
                print("-- missed labels:")
                print(labels[~label_hit].drop(columns=["split"], errors="ignore").to_string())
                print("-- unmatched rows:")
                cols = ["source", "kind", "start_date", "end_date", "count", "participants",
                        "evidence"]
                print(rows.loc[~row_hit, cols].to_string())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
