from pathlib import Path

import pytest
from conftest import plain, tiny_frames, write_csv_dataset
from typer.testing import CliRunner

from sgnet import report as report_module
from sgnet.cli import app

runner = CliRunner()


def test_validate_sample_exits_0(tmp_path):
    result = runner.invoke(app, ["validate", "--errors-csv", str(tmp_path / "e.csv"),
                                 "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "no problems" in result.output


def test_validate_bad_data_exits_1_and_writes_csv(tmp_path):
    frames = tiny_frames()
    frames["activities"].loc[2, "start_date"] = "2022/13/01"
    folder = write_csv_dataset(tmp_path / "bad", frames)
    errors = tmp_path / "errors.csv"
    result = runner.invoke(app, ["validate", str(folder), "--errors-csv", str(errors),
                                 "--lang", "en"])
    assert result.exit_code == 1
    assert "activities.csv row 4, start_date: '2022/13/01'" in result.output
    assert "Traceback" not in result.output
    assert "2022/13/01" in errors.read_text(encoding="utf-8-sig")


def test_validate_missing_folder_is_a_message_not_a_traceback(tmp_path):
    result = runner.invoke(app, ["validate", str(tmp_path / "nope")])
    assert result.exit_code == 1
    assert "no such file or folder" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_report_translates_arguments(monkeypatch, tmp_path):
    seen = {}

    def fake_run_report(data, **kwargs):
        seen.update(kwargs, data=data)
        raise report_module.ReportError("stop here")

    monkeypatch.setattr(report_module, "run_report", fake_run_report)
    result = runner.invoke(app, ["report", "--data", "x", "--period", "2022Q4", "--region",
                                 "450000", "--audience", "internal", "--lang", "en",
                                 "--out", str(tmp_path), "--format", "html"])
    assert result.exit_code == 1 and "stop here" in result.output
    assert callable(seen.pop("on_progress"))
    assert seen == {"data": Path("x"), "period": "2022Q4", "region": "450000",
                    "pairing": None, "audience": "internal", "lang": "en", "out": tmp_path,
                    "allow_rejected": False, "formats": "html"}


def test_report_writes_word_by_default_and_refuses_unknown_formats(monkeypatch):
    seen = {}

    def fake_run_report(data, **kwargs):
        seen.update(kwargs)
        raise report_module.ReportError("stop here")

    monkeypatch.setattr(report_module, "run_report", fake_run_report)
    runner.invoke(app, ["report"])
    assert seen["formats"] == "html,docx"
    monkeypatch.undo()  # the real run refuses the format before any kernel starts
    result = runner.invoke(app, ["report", "--format", "html,odt"])
    assert result.exit_code == 1 and "--format must be among html, docx, pdf" in plain(
        result.output)


@pytest.mark.parametrize("args", [["report", "--period", "2022Q5"],
                                  ["report", "--audience", "public"]])
def test_report_bad_arguments_are_messages(args):
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert "error:" in result.output


def test_extract_writes_draft_csv_and_prints_table(tmp_path):
    import pandas as pd

    seed = Path(__file__).resolve().parents[1] / "benchmarks" / "extract_data" / \
        "seed_002_bf2ee07ba5deb974.txt"
    target = tmp_path / "draft.csv"
    result = runner.invoke(app, ["extract", str(seed), "-o", str(target)])
    assert result.exit_code == 0, result.output
    draft = pd.read_csv(target, encoding="utf-8-sig")
    assert set(draft["kind"]) >= {"training", "station_visit", "household_visit"}
    shown = runner.invoke(app, ["extract", str(seed)])
    assert shown.exit_code == 0 and "station_visit" in shown.output


def test_extract_missing_file_is_a_usage_error(tmp_path):
    for width in ("40", "80", "200"):  # rich wraps the message inside its box
        result = runner.invoke(app, ["extract", str(tmp_path / "nope.txt")],
                               env={"COLUMNS": width})
        assert result.exit_code == 2 and "does not exist" in plain(result.output), width


def test_validate_of_clean_data_writes_nothing_even_in_a_read_only_folder(tmp_path):
    import os
    import subprocess
    import sys

    os.chmod(tmp_path, 0o555)
    try:
        proc = subprocess.run([sys.executable, "-c", "from sgnet.cli import main; main()",
                               "validate"], capture_output=True, text=True, cwd=tmp_path,
                              timeout=120)
    finally:
        os.chmod(tmp_path, 0o755)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr and list(tmp_path.iterdir()) == []


def test_validate_never_replaces_a_file_without_force(tmp_path):
    frames = tiny_frames()
    frames["activities"].loc[2, "start_date"] = "2022/13/01"
    folder = write_csv_dataset(tmp_path / "bad", frames)
    precious = tmp_path / "organizations_copy.csv"
    precious.write_text("my own file", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(folder), "--errors-csv", str(precious)])
    assert result.exit_code == 1 and "pass --force" in plain(result.output)
    assert precious.read_text(encoding="utf-8") == "my own file"
    result = runner.invoke(app, ["validate", str(folder), "--errors-csv", str(precious),
                                 "--force"])
    assert result.exit_code == 1 and "2022/13/01" in precious.read_text(encoding="utf-8-sig")
