"""The national-scale machinery: synthetic data, the fast CSV path, the cache of parsed tables."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pandas as pd
import pytest
from conftest import tiny_frames, write_csv_dataset

import sgnet
from sgnet import cache, read
from sgnet.regions import divisions

_spec = importlib.util.spec_from_file_location(
    "synth", Path(__file__).resolve().parent.parent / "benchmarks" / "synth.py")
synth = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(synth)


@pytest.fixture(scope="module")
def national(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("national")
    synth.write(synth.generate(scale=0.01, seed=3), out, workbook_rows=1500)
    return out


def test_synth_is_reproducible_and_shaped():
    a, b = synth.generate(scale=0.005, seed=5), synth.generate(scale=0.005, seed=5)
    for name in a:
        pd.testing.assert_frame_equal(a[name], b[name])
    other = synth.generate(scale=0.005, seed=6)
    assert not a["activities"].equals(other["activities"])
    acts, orgs = a["activities"], a["organizations"]
    assert len(acts) == 5000 and len(a["pairings"]) == 8
    assert acts["start_date"].min() >= "2021-01-01" and acts["start_date"].max() <= "2023-12-31"
    assert set(orgs["region"]) <= set(divisions()["code"])
    # one mentee county per pairing, each in a different province while provinces last
    mentees = orgs.set_index("org_id").loc[a["pairings"]["mentee_org_id"], "region"]
    assert mentees.str[:2].nunique() == len(mentees)


def test_synth_loads_clean_as_csv_and_workbook(national):
    ds = sgnet.load(national / "csv")
    assert len(ds.activities) == 10_000 and ds.problems.empty
    assert ds.activities["region"].notna().all()
    book = sgnet.load(national / "workbook.xlsx")
    assert 0 < len(book.activities) <= 1500
    assert set(book.activities["pairing_id"]) == set(book.pairings["pairing_id"])


ODD_FILES = {
    "plain": "a,b\n1,2\n",
    "bom_blank_line": "\ufeffa,b\n1,2\n\n3,4\n",
    "quoted_newline_spaces": 'a,b\n x ,"q\nr"\n,\n',
    "crlf_quoted_comma": 'a,b\r\n1,"2,5"\r\n',
    "ragged_long": "a,b\n1,2,3\n",
    "ragged_short": "a,b\n1\n",
    "duplicate_header": "a,a\n1,2\n",
    "empty_header": "a,,b\n1,2,3\n",
    "quoted_header": '"a","b"\n1,2\n',
    "joined_files": "\ufeffa,b\n1,2\n\ufeffa,b\n3,4\n",
    "bom_in_cell": "a,b\n1,x\ufeffy\n",
}


@pytest.mark.parametrize("name", sorted(ODD_FILES))
def test_arrow_reader_matches_pandas_or_declines(tmp_path, name):
    path = tmp_path / f"{name}.csv"
    path.write_text(ODD_FILES[name], encoding="utf-8")
    fast = read._read_csv_arrow(path)
    reference = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False,
                            skip_blank_lines=False)
    if name.startswith(("ragged", "duplicate", "empty", "quoted_header")):
        assert fast is None  # left to the pandas reader, which handles it as before
    else:
        frame, bom = fast
        pd.testing.assert_frame_equal(frame, reference)
        # only a byte-order mark past the file's start makes the cells need cleaning
        assert bom == (name in ("joined_files", "bom_in_cell"))


def test_byte_order_marks_inside_a_file_are_removed(tmp_path):
    frames = tiny_frames()
    frames["activities"].loc[1, "kind"] = "\ufefftraining"
    ds = sgnet.load(write_csv_dataset(tmp_path / "d", frames))
    assert ds.activities.loc[3, "kind"] == "training"


def test_id_lists_split_on_full_width_space_and_semicolon(tmp_path):
    frames = tiny_frames()
    frames["activities"].loc[1, "lead_person_ids"] = "P1\u3000；\u3000P2"
    ds = sgnet.load(write_csv_dataset(tmp_path / "d", frames))
    assert ds.activities.loc[3, "lead_person_ids"] == "P1;P2"


@pytest.fixture
def cached(monkeypatch, tmp_path):
    monkeypatch.setattr(cache, "MIN_BYTES", 0)
    monkeypatch.setenv("SGNET_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("SGNET_CACHE", "1")
    return tmp_path / "cache"


def test_cache_gives_the_same_dataset_and_follows_edits(cached, tmp_path):
    folder = write_csv_dataset(tmp_path / "d")
    cold = sgnet.load(folder)  # the entry is written in a background thread
    warm = sgnet.load(folder)  # waits for that entry, then reads it
    entries = list(cached.iterdir())
    assert len(entries) == 1 and (entries[0] / "activities.parquet").exists()
    assert cache.lookup(folder) is not None
    for name, table in cold.tables.items():
        pd.testing.assert_frame_equal(warm.tables[name], table)
    frames = tiny_frames()
    frames["activities"].loc[0, "participants"] = "21"
    write_csv_dataset(folder, frames)
    edited = sgnet.load(folder)
    assert edited.activities.loc[2, "participants"] == 21
    cache.wait()
    assert len(list(cached.iterdir())) == 2


def test_cache_keeps_problems_and_drop(cached, tmp_path):
    frames = tiny_frames()
    frames["pairings"].loc[1, "mentor_org_id"] = "O404"
    frames["activities"].loc[0, "count"] = "二十来个"
    folder = write_csv_dataset(tmp_path / "bad", frames)
    first = sgnet.validate(folder)
    second = sgnet.validate(folder)  # from the cache
    pd.testing.assert_frame_equal(first, second)
    with pytest.raises(sgnet.TableValidationError):
        sgnet.load(folder)
    ds = sgnet.load(folder, errors="drop")
    assert set(ds.pairings["pairing_id"]) == {"PR1"}
    assert ("activities", 6) in set(zip(ds.rejected["table"], ds.rejected["row"], strict=True))
    # dropping rows from one load does not reach the tables cached for the next
    tables, problems, _ = cache.lookup(folder)
    assert set(tables["pairings"]["pairing_id"]) == {"PR1", "PR2"}


def test_cache_key_hashes_the_code_of_every_loading_stage():
    """An edit to any stage of loading gives a new key, never a stale entry."""
    here = Path(cache.__file__).parent
    for stage in ("io", "read", "parse", "checks", "problems", "schema", "vocab", "regions"):
        assert f"{stage}.py" in cache._CODE
    assert all((here / name).is_file() for name in cache._CODE)


def test_cache_off_and_small_datasets_write_nothing(monkeypatch, tmp_path, tiny_dir):
    monkeypatch.setenv("SGNET_CACHE_DIR", str(tmp_path / "cache"))
    sgnet.load(tiny_dir)  # far below MIN_BYTES
    monkeypatch.setattr(cache, "MIN_BYTES", 0)
    monkeypatch.setenv("SGNET_CACHE", "0")
    sgnet.load(tiny_dir)
    assert not (tmp_path / "cache").exists()


def test_cache_written_behind_is_complete_when_python_exits_at_once(tmp_path, tiny_dir):
    """The entry is written by a background thread; a script that exits right after its
    load still leaves a whole entry (Python waits for the thread), and no half-written one."""
    import os
    import subprocess
    import sys

    script = ("import sgnet; from sgnet import cache; cache.MIN_BYTES = 0; "
              f"sgnet.load({str(tiny_dir)!r})")
    env = dict(os.environ, SGNET_CACHE_DIR=str(tmp_path / "cache"), SGNET_CACHE="1")
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    entries = list((tmp_path / "cache").iterdir())
    assert [e.name.startswith(".tmp-") for e in entries] == [False]
    assert (entries[0] / "meta.json").exists() and (entries[0] / "activities.parquet").exists()
