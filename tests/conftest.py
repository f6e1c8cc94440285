"""Shared fixtures: a tiny dataset whose answers are worked out by hand (see test_metrics)."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

# the kept report kernel (sgnet.daemon) outlives a command; tests that want it turn it on
os.environ["SGNET_DAEMON"] = "0"

TINY: dict[str, list[dict]] = {
    "organizations": [
        {"org_id": "O1", "name": "东部社工中心", "kind": "agency", "region": "440305", "parent_id": ""},
        {"org_id": "O2", "name": "罗城某社工中心", "kind": "agency", "region": "451225", "parent_id": ""},
        {"org_id": "O3", "name": "罗城民政局", "kind": "government", "region": "451225", "parent_id": ""},
        {"org_id": "S1", "name": "某镇社工站", "kind": "station", "region": "451225", "parent_id": "O3"},
        {"org_id": "O4", "name": "威宁某机构", "kind": "agency", "region": "520526", "parent_id": ""},
    ],
    "people": [
        {"person_id": "P1", "name": "甄督导", "org_id": "O1", "role": "supervisor",
         "party_member": "true", "since": "2015-03-01"},
        {"person_id": "P2", "name": "贾督导", "org_id": "O1", "role": "supervisor",
         "party_member": "false", "since": ""},
        {"person_id": "P3", "name": "石社工", "org_id": "O2", "role": "social_worker",
         "party_member": "", "since": ""},
    ],
    "pairings": [
        {"pairing_id": "PR1", "mentor_org_id": "O1", "mentee_org_id": "O2",
         "program": "牵手计划", "start_date": "2022-01-01", "end_date": ""},
        {"pairing_id": "PR2", "mentor_org_id": "O1", "mentee_org_id": "O4",
         "program": "牵手计划", "start_date": "2022-03-01", "end_date": ""},
    ],
    "targets": [
        {"pairing_id": "PR1", "metric": "training", "year": "2022", "value": "4"},
        {"pairing_id": "PR1", "metric": "training_participants", "year": "2022", "value": "100"},
        {"pairing_id": "PR1", "metric": "station_visit", "year": "2022", "value": "10"},
        {"pairing_id": "PR2", "metric": "training", "year": "2022", "value": "2"},
    ],
    "activities": [
        {"activity_id": "A1", "kind": "training", "start_date": "2022-02-10", "end_date": "",
         "pairing_id": "PR1", "host_org_id": "O1", "target_org_id": "O2",
         "lead_person_ids": "P1", "count": "1", "participants": "20", "hours": "3"},
        {"activity_id": "A2", "kind": "training", "start_date": "2022-05-05",
         "end_date": "2022-05-06", "pairing_id": "PR1", "host_org_id": "O1",
         "target_org_id": "O2", "lead_person_ids": "P1;P2", "count": "2",
         "participants": "50", "hours": "12"},
        {"activity_id": "A3", "kind": "station_visit", "start_date": "2022-05-20",
         "end_date": "", "pairing_id": "PR1", "host_org_id": "O1", "target_org_id": "S1",
         "lead_person_ids": "P2", "count": "3", "participants": "", "hours": ""},
        {"activity_id": "A4", "kind": "individual_supervision", "start_date": "2022-06-30",
         "end_date": "", "pairing_id": "PR1", "host_org_id": "O1", "target_org_id": "O2",
         "lead_person_ids": "P1", "count": "4", "participants": "4", "hours": "4"},
        {"activity_id": "A5", "kind": "training", "start_date": "2022-07-01", "end_date": "",
         "pairing_id": "PR2", "host_org_id": "O1", "target_org_id": "O4",
         "lead_person_ids": "P2", "count": "1", "participants": "30", "hours": "6"},
        {"activity_id": "A6", "kind": "household_visit", "start_date": "2022-05-21",
         "end_date": "", "pairing_id": "PR1", "host_org_id": "O1", "target_org_id": "S1",
         "lead_person_ids": "", "count": "", "participants": "", "hours": ""},
        {"activity_id": "A7", "kind": "group_supervision", "start_date": "2021-12-15",
         "end_date": "", "pairing_id": "PR1", "host_org_id": "O1", "target_org_id": "O2",
         "lead_person_ids": "P1", "count": "1", "participants": "8", "hours": "2"},
    ],
    "milestones": [
        {"milestone_id": "M1", "pairing_id": "PR1", "kind": "station_built",
         "date": "2022-06-15", "count": "", "name": "示范社工站", "evidence": "批文",
         "status": "approved"},
        {"milestone_id": "M2", "pairing_id": "PR1", "kind": "talent", "date": "2022-09-01",
         "count": "5", "name": "", "evidence": "", "status": ""},
    ],
}


def plain(text: str) -> str:
    """CLI output as one line of words: rich's error boxes and line wraps removed, so a
    message can be asserted at any terminal width."""
    return " ".join(text.translate({ord(c): " " for c in "│╭╮╰╯─┃"}).split())


def tiny_frames() -> dict[str, pd.DataFrame]:
    """The tiny dataset as all-text DataFrames (a fresh copy each call)."""
    return {name: pd.DataFrame(rows, dtype=str) for name, rows in TINY.items()}


def write_csv_dataset(folder: Path, frames: dict[str, pd.DataFrame] | None = None,
                      encoding: str = "utf-8") -> Path:
    """Write a dataset folder of CSV files; returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, frame in (frames or tiny_frames()).items():
        frame.to_csv(folder / f"{name}.csv", index=False, encoding=encoding)
    return folder


@pytest.fixture
def tiny_dir(tmp_path: Path) -> Path:
    """The tiny dataset as a folder of UTF-8 CSV files."""
    return write_csv_dataset(tmp_path / "tiny")


def validate_cli(data: Path, tmp_path: Path, *extra: str):
    """``sgnet validate DATA`` through the real command, its problems CSV under ``tmp_path``;
    no traceback may reach the user."""
    from typer.testing import CliRunner

    from sgnet.cli import app

    result = CliRunner().invoke(app, ["validate", str(data), "--errors-csv",
                                      str(tmp_path / "p.csv"), *extra], catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


def typed_cell(value: str, column: str) -> object:
    """A cell as Excel holds it: dates as dates, numbers as numbers, the rest as text.

    The date of a milestone in the sample (``date``) is a date too, as in the template; the
    sample has no column called ``date`` in another table.
    """
    import datetime as dt

    if value == "":
        return None
    if column in ("start_date", "end_date", "since", "date"):
        return dt.date.fromisoformat(value)
    if column in ("count", "participants", "year"):
        return int(value)
    if column in ("hours", "value"):
        return float(value)
    return value
