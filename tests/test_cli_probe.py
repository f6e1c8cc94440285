"""The command line misused as people misuse it: wrong files, bad values, existing outputs.

Every data or file problem is one line and an exit code, never a traceback; nothing is lost
silently and nothing sgnet writes runs as a formula.
"""

import time

import pytest
from conftest import plain
from typer.testing import CliRunner

from sgnet.cli import app
from sgnet.extract_dates import Day, When
from sgnet.extract_facts import Fact, merge_facts

runner = CliRunner()
SENTENCE = "2023年3月{d}日,第{i}期督导一行开展团体督导{n}次,覆盖社工{p}人。"


def cli(*args):
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        repr(result.exception)
    return result.exit_code, plain(result.output)


def test_merging_the_facts_of_a_long_report_is_linear():
    # 80 000 dated records (8 MB) took 3.5 minutes: each fact scanned all the facts before it
    day = When(Day(2023, 3, 15))
    facts = [Fact("training", f"第{i}期培训", count=1 + i % 7, when=day) for i in range(40000)]
    started = time.perf_counter()
    merged = merge_facts(facts)
    assert time.perf_counter() - started < 3  # was 25 s
    assert len(merged) == 7


def test_extract_of_a_large_repeated_file_takes_seconds(tmp_path):
    line = SENTENCE.format(d=15, i=1, n=2, p=17) + "\n"
    report = tmp_path / "big.txt"
    report.write_text(line * (5_000_000 // len(line.encode())), encoding="utf-8")
    started = time.perf_counter()
    code, out = cli("extract", report, "-o", tmp_path / "d.csv")
    assert code == 0, out
    assert time.perf_counter() - started < 5  # was 10 s: every line converted twice


TEXT = "2023年3月15日,东部社工中心督导一行开展团体督导2次,覆盖社工17人。\n"


@pytest.mark.parametrize("name, content, what", [
    ("报告.docx", b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)) * 4, "Word 或 Excel"),
    ("报告.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 4, "旧版 Word"),
    ("报告.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + bytes(range(256)) * 4, "PDF"),
    ("photo.txt", bytes(range(256)) * 8, "二进制"),
])
def test_extract_of_a_file_that_is_not_text_says_so(tmp_path, name, content, what):
    # was: 0 draft rows and exit 0, as if the report held no activities
    path = tmp_path / name
    path.write_bytes(content)
    code, out = cli("extract", path)
    assert code == 1
    assert name in out and what in out and "纯文本" in out and "Traceback" not in out


def test_extract_reads_utf16_saved_without_a_bom(tmp_path):
    # was: read as GB18030, 0 rows and exit 0
    path = tmp_path / "notepad.txt"
    path.write_bytes(TEXT.encode("utf-16-le"))
    code, out = cli("extract", path)
    assert code == 0 and "1 draft rows" in out


@pytest.mark.parametrize("year", ["0", "-5", "23", "99999"])
def test_extract_refuses_a_year_the_data_would_refuse(tmp_path, year):
    # was: --year 0 wrote 0000-03-15, --year -5 an empty date, silently
    path = tmp_path / "r.txt"
    path.write_text("3月15日,督导一行开展团督2次,覆盖社工17人。", encoding="utf-8")
    code, out = cli("extract", path, "--year", year, "-o", tmp_path / "d.csv")
    assert code == 2 and "--year" in out and not (tmp_path / "d.csv").exists()


@pytest.fixture
def approved(tmp_path):
    from conftest import tiny_frames, write_csv_dataset

    from sgnet.approvals import approvals_file

    folder = write_csv_dataset(tmp_path / "d", tiny_frames())
    assert cli("approve", folder, "--period", "2022Q2", "--by", "王审核")[0] == 0
    return folder, approvals_file(folder)


@pytest.mark.parametrize("damage", [
    lambda good: good[:-40],                                   # cut off while copied
    lambda good: b"garbage\x00\xff\xfe\n",                     # not UTF-8 at all
    lambda good: good + b'{"action": "approve"}\n',            # an object missing its fields
    lambda good: good + b'{"action": "approve", "period": 5, "start": "x", "end": "y", '
                        b'"by": "a", "at": "b", "rows": []}\n',
])
def test_a_broken_approvals_file_is_one_line_and_validate_does_not_say_ok(approved, tmp_path,
                                                                          damage):
    folder, file = approved
    file.write_bytes(damage(file.read_bytes()))
    code, out = cli("validate", folder, "--errors-csv", tmp_path / "e.csv")
    assert code == 1, out  # was: "没有问题", exit 0, or a UnicodeDecodeError traceback
    assert file.name in out and "没有问题" not in out
    code, out = cli("approve", folder, "--period", "2022Q3", "--by", "王审核")
    assert code == 1 and file.name in out and "codec" not in out


@pytest.mark.parametrize("force", [[], ["--force"]])
@pytest.mark.parametrize("command", [
    lambda folder, tmp: ["extract", _report(tmp), "-o", folder],
    lambda folder, tmp: ["validate", _bad_data(tmp), "--errors-csv", folder],
    lambda folder, tmp: ["diff", _bad_data(tmp), _bad_data(tmp, "v2", 2), "--csv", folder],
])
def test_a_csv_output_that_is_a_folder_says_so(tmp_path, command, force):
    # was: "exists; pass --force", then with --force "cannot write d: Is a directory"
    folder = tmp_path / "out"
    folder.mkdir()
    code, out = cli(*command(folder, tmp_path), *force)
    assert code == 1 and "is a folder" in out and "--force" not in out
    assert list(folder.iterdir()) == []


def _report(tmp):
    path = tmp / "r.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def _bad_data(tmp, name="v1", row=1):
    from conftest import tiny_frames, write_csv_dataset

    frames = tiny_frames()
    frames["activities"].loc[row, "start_date"] = "2022/13/01"
    return write_csv_dataset(tmp / name, frames)


@pytest.mark.parametrize("content", [
    "[1]", '{"metadata": null}', '{"metadata": {"sgnet": "fingerprint"}}',
    '{"metadata": {"sgnet": {"fingerprint": "x"}}}',  # was: endless recursion on itself
    '{"metadata": {"sgnet": {"fingerprint": "x", "rows": {}, "parameters": {"data": "%s"}}}}',
])
def test_report_check_of_a_notebook_that_is_not_a_report_is_one_line(tmp_path, content):
    from conftest import tiny_frames, write_csv_dataset

    data = write_csv_dataset(tmp_path / "d", tiny_frames())
    path = tmp_path / "r.ipynb"
    path.write_text(content.replace("%s", str(data)), encoding="utf-8")
    code, out = cli("report", "--check", path)
    assert code == 1 and "r.ipynb" in out and "Traceback" not in out


def test_approve_of_data_with_problems_points_to_validate(tmp_path):
    # was: "... (see .failure_cases)", a Python attribute a user cannot see
    data = _bad_data(tmp_path)
    code, out = cli("approve", data, "--period", "2022Q2", "--by", "王审核")
    assert code == 1 and "sgnet validate" in out and "failure_cases" not in out
