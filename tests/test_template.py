"""The data-entry workbook: loads unchanged, round-trips the sample, guides the user."""

import datetime as dt

import pandas as pd
import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from typer.testing import CliRunner

import sgnet
from sgnet.cli import app
from sgnet.errors import SgnetError
from sgnet.headers import canonical_header
from sgnet.paths import SAMPLE_DATA
from sgnet.schema import required_columns
from sgnet.template import CHOICES, HEADERS, SHEETS, write_template
from sgnet.vocab import ACTIVITY_KINDS, MODES, ORG_KINDS, ROLES, VALUE_ALIASES

runner = CliRunner()


@pytest.fixture(scope="module")
def sample():
    return sgnet.load()


@pytest.fixture(scope="module")
def filled(sample, tmp_path_factory):
    return write_template(tmp_path_factory.mktemp("tpl") / "台账.xlsx", sample)


@pytest.fixture(scope="module")
def empty(tmp_path_factory):
    return write_template(tmp_path_factory.mktemp("tpl") / "empty.xlsx")


def validations(ws):
    """Each column letter's data validation (type, formula1)."""
    out = {}
    for dv in ws.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            out[get_column_letter(rng.min_col)] = dv
    return out


def letter(table, column):
    return get_column_letter(list(HEADERS[table]).index(column) + 1)


def listed(wb, formula):
    """The values a list validation offers, read from the sheet its formula points at."""
    sheet, rng = formula.split("!")
    cells = wb[sheet.strip("'")][rng.replace("$", "")]
    return [row[0].value for row in cells]


def test_sample_written_into_the_template_loads_back_equal(sample, filled):
    back = sgnet.load(filled)
    for name, table in sample.tables.items():
        pd.testing.assert_frame_equal(back.tables[name], table, obj=name)
    assert len(back.activities) == 1016  # 940 activities and 76 stays


def test_sheets_and_chinese_headers_map_to_canonical_names(empty):
    wb = load_workbook(empty)
    assert wb.sheetnames[0] == "说明"
    assert [s for s in wb.sheetnames if s in SHEETS.values()] == [
        "机构", "人员", "结对", "目标", "活动", "成果"]
    for table, sheet in SHEETS.items():
        ws = wb[sheet]
        headers = [c.value for c in ws[1]]
        canonical = [canonical_header(h, table) for h in headers]
        assert canonical == list(HEADERS[table])
        for cell, column in zip(ws[1], canonical, strict=True):
            assert cell.comment.text.startswith(f"{column} (")
            assert ("必填" in cell.comment.text) == (column in required_columns(table))
        assert ws.freeze_panes == "A2"


def test_drop_down_lists_offer_values_that_load(empty):
    wb = load_workbook(empty)
    cases = [("organizations", "kind", "org_kind", ORG_KINDS), ("people", "role", "role", ROLES),
             ("activities", "kind", "activity_kind", ACTIVITY_KINDS),
             ("activities", "mode", "mode", MODES)]
    for table, column, domain, canonical in cases:
        dv = validations(wb[SHEETS[table]])[letter(table, column)]
        assert dv.type == "list" and dv.errorStyle in (None, "stop")
        offered = listed(wb, dv.formula1)
        assert offered == CHOICES[domain]
        assert [VALUE_ALIASES[domain][v] for v in offered] == list(canonical)
    program = validations(wb["结对"])[letter("pairings", "program")]
    assert "牵手计划" in listed(wb, program.formula1) and program.errorStyle == "warning"
    pairing_ref = validations(wb["活动"])[letter("activities", "pairing_id")]
    assert pairing_ref.formula1.startswith("'结对'!$A$2:$A$")
    assert wb["选项"].sheet_state == "hidden"


def test_numbers_refuse_text_and_dates_are_date_cells(empty):
    wb = load_workbook(empty)
    ws = wb["活动"]
    dvs = validations(ws)
    for column, low in (("count", "1"), ("participants", "0")):
        dv = dvs[letter("activities", column)]
        assert (dv.type, dv.operator, dv.formula1, dv.showErrorMessage) == ("whole", "between",
                                                                           low, True)
    assert dvs[letter("activities", "hours")].type == "decimal"
    for column in ("start_date", "end_date"):
        col = letter("activities", column)
        assert dvs[col].type == "date"
        assert ws.column_dimensions[col].number_format == "yyyy-mm-dd"
    assert validations(wb["目标"])[letter("targets", "year")].type == "whole"


def test_a_template_filled_in_by_hand_loads(empty, tmp_path):
    wb = load_workbook(empty)
    wb["机构"].append(["A1", "东莞市鹏星社会工作服务社", "社工机构", "441900", None])
    wb["机构"].append(["S1", "罗城县东门镇社工站", "社工站", "罗城", "A1"])
    wb["人员"].append(["P1", "某督导", "A1", "督导", "是", dt.date(2016, 1, 7)])
    wb["结对"].append(["PR1", "A1", "S1", "牵手计划", dt.date(2022, 10, 23), None])
    wb["目标"].append(["PR1", "station_visit", 2022, 12])
    wb["活动"].append(["X1", "走访社工站", dt.datetime(2022, 10, 24), None, "PR1", "A1", "S1",
                      "P1", 5, None, None, "线下", "走访社工站点5个", "周报"])
    wb["活动"].append(["X2", "个督", dt.date(2022, 10, 25), dt.date(2022, 10, 25), "PR1", "A1",
                      "S1", "P1", 13, 13, 6.5, "线上", None, None])
    path = tmp_path / "filled.xlsx"
    wb.save(path)
    ds = sgnet.load(path)
    acts = ds.activities
    assert list(acts["kind"]) == ["station_visit", "individual_supervision"]
    assert list(acts["mode"]) == ["onsite", "online"]
    assert list(acts["count"]) == [5, 13] and acts["hours"].iloc[1] == 6.5
    assert acts["start_date"].iloc[0] == pd.Timestamp("2022-10-24")
    assert list(acts.index) == [2, 3]
    assert ds.organizations["region"].tolist() == ["441900", "451225"]
    assert ds.people["role"].iloc[0] == "supervisor" and ds.people["party_member"].iloc[0]


def test_a_wrong_date_typed_into_the_template_names_the_fix(empty, tmp_path):
    wb = load_workbook(empty)
    wb["活动"].append(["X1", "培训", "2022/13/01"])
    path = tmp_path / "bad.xlsx"
    wb.save(path)
    problems = sgnet.validate(path)
    row = problems[problems["column"] == "start_date"].iloc[0]
    assert row["row"] == 2 and row["table"] == "activities"
    assert "use YYYY-MM-DD (e.g. 2022-10-24)" in row["message"]


def test_instructions_sheet_has_an_example_row_per_activity_kind(empty):
    ws = load_workbook(empty)["说明"]
    rows = list(ws.iter_rows(values_only=True))
    header = next(i for i, r in enumerate(rows) if r[0] == "活动编号")
    examples = [r for r in rows[header + 1:] if r[0]]
    kinds = [VALUE_ALIASES["activity_kind"].get(r[1]) for r in examples]
    assert kinds == list(ACTIVITY_KINDS)
    assert all(isinstance(r[2], dt.datetime) for r in examples)
    assert any("sgnet validate" in (r[0] or "") for r in rows)


def test_never_overwrites_without_force(empty):
    before = empty.read_bytes()
    with pytest.raises(SgnetError, match="already exists; .* --force"):
        write_template(empty)
    assert empty.read_bytes() == before
    with pytest.raises(SgnetError, match="xlsx"):
        write_template(empty.with_suffix(".csv"))


def test_cli_template_writes_refuses_and_fills(tmp_path):
    out = tmp_path / "t.xlsx"
    first = runner.invoke(app, ["template", str(out)])
    assert first.exit_code == 0 and out.exists() and "sgnet validate" in first.output
    again = runner.invoke(app, ["template", str(out)])
    assert again.exit_code == 1 and "--force" in again.output
    filled = runner.invoke(app, ["template", str(out), "--fill", str(SAMPLE_DATA), "--force"])
    assert filled.exit_code == 0, filled.output
    assert len(sgnet.load(out).pairings) == 15
