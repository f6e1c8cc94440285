from pathlib import Path

import pandas as pd
import pytest
from conftest import tiny_frames, write_csv_dataset

import sgnet
from sgnet import DataFileError, TableValidationError
from sgnet.vocab import COLUMN_ALIASES, FILE_STEMS


def test_sample_loads_clean():
    ds = sgnet.load()
    assert ds.problems.empty
    assert len(ds.pairings) >= 12 and len(ds.activities) >= 500
    assert (ds.organizations["kind"] == "station").sum() >= 40
    assert ds.activities["start_date"].dtype == "datetime64[ns]"
    assert str(ds.activities["count"].dtype) == "Int64"
    assert ds.activities["region"].notna().all()


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk"])
def test_encodings_load_the_same(tmp_path, encoding):
    reference = sgnet.load(write_csv_dataset(tmp_path / "ref"))
    ds = sgnet.load(write_csv_dataset(tmp_path / encoding, encoding=encoding))
    for name, table in reference.tables.items():
        pd.testing.assert_frame_equal(ds.tables[name], table)


def _chinese(frames: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The same data as a program officer would type it: Chinese headers and values."""
    reverse: dict[str, str] = {}
    for alias, canonical in COLUMN_ALIASES.items():
        reverse.setdefault(canonical, alias)
    out = {}
    for name, frame in frames.items():
        frame = frame.copy()
        if name == "activities":
            frame["kind"] = frame["kind"].replace({
                "training": "培训", "individual_supervision": "个督",
                "group_supervision": "团督", "station_visit": "走访社工站",
                "household_visit": "入户走访"})
            frame["start_date"] = frame["start_date"].str.replace(
                r"(\d+)-(\d+)-(\d+)", r"\1年\2月\3日", regex=True)
        if name == "people":
            frame["role"] = frame["role"].replace({"supervisor": "督导", "social_worker": "社工"})
            frame["party_member"] = frame["party_member"].replace({"true": "是", "false": "否"})
        if name == "organizations":
            frame["kind"] = frame["kind"].replace({"agency": "社工机构", "station": "社工站",
                                                   "government": "民政局"})
            frame.loc[frame["region"] == "451225", "region"] = "罗城仫佬族自治县"
        kind_header = "活动类型" if name == "activities" else "类型"
        frame.columns = [kind_header if c == "kind" else reverse.get(c, c) for c in frame.columns]
        out[name] = frame
    return out


def test_chinese_headers_values_and_workbook(tmp_path):
    reference = sgnet.load(write_csv_dataset(tmp_path / "ref"))
    frames = _chinese(tiny_frames())
    book = tmp_path / "data.xlsx"
    with pd.ExcelWriter(book) as writer:
        for name, frame in frames.items():
            frame.to_excel(writer, sheet_name=FILE_STEMS[name][1], index=False)
    ds = sgnet.load(book)
    for name, table in reference.tables.items():
        pd.testing.assert_frame_equal(ds.tables[name], table, check_like=True)
    folder = tmp_path / "zh"
    folder.mkdir()
    for name, frame in frames.items():
        frame.to_csv(folder / f"{FILE_STEMS[name][1]}.csv", index=False, encoding="gb18030")
    ds = sgnet.load(folder)
    assert ds.activities.loc[5, "kind"] == "individual_supervision"  # 个督, spreadsheet row 5
    assert ds.people.set_index("person_id").loc["P1", "role"] == "supervisor"


def test_workbook_dates_as_date_cells(tmp_path):
    frames = tiny_frames()
    acts = frames["activities"].astype(object)
    acts["start_date"] = pd.to_datetime(acts["start_date"])  # real date cells
    frames["activities"] = acts
    book = tmp_path / "dates.xlsx"
    with pd.ExcelWriter(book) as writer:
        for name, frame in frames.items():
            frame.to_excel(writer, sheet_name=name, index=False)
    ds = sgnet.load(book)
    assert ds.activities["start_date"].min() == pd.Timestamp("2021-12-15")


def test_extra_columns_are_kept(tmp_path):
    frames = tiny_frames()
    frames["activities"]["备注"] = "x"
    ds = sgnet.load(write_csv_dataset(tmp_path / "d", frames))
    assert (ds.activities["备注"] == "x").all()


BAD_CELLS = [
    # table, record index (0-based), column, bad value, expected message fragment
    ("activities", 2, "start_date", "2022-13-45", "activities.csv row 4, start_date: '2022-13-45' is not a real calendar date"),
    ("activities", 0, "start_date", "2022-02-30", "row 2, start_date: '2022-02-30' is not a real calendar date"),
    ("activities", 1, "start_date", "44858", "looks like an Excel serial date (2022-10-24?)"),
    ("activities", 0, "count", "二十来个", "row 2, count: '二十来个' not a number"),
    ("activities", 0, "count", "-3", "row 2, count: '-3' must be at least 1"),
    ("activities", 3, "kind", "跳舞", "row 5, kind: '跳舞' unknown value; use one of training"),
    ("activities", 0, "host_org_id", "O999", "row 2, host_org_id: 'O999' is not an org_id in organizations.csv"),
    ("activities", 0, "pairing_id", "PR9", "row 2, pairing_id: 'PR9' is not a pairing_id in pairings.csv"),
    ("activities", 1, "lead_person_ids", "P1;P404", "row 3, lead_person_ids: 'P404' is not a person_id in people.csv"),
    ("activities", 1, "end_date", "2022-05-01", "row 3, end_date: '2022-05-01' is before start_date"),
    ("activities", 1, "activity_id", "A1", "row 3, activity_id: 'A1' appears more than once"),
    ("activities", 1, "mode", "飞鸽", "row 3, mode: '飞鸽' unknown value"),
    ("people", 0, "org_id", "O404", "people.csv row 2, org_id: 'O404' is not an org_id"),
    ("people", 2, "role", "队长", "people.csv row 4, role: '队长' unknown value"),
    ("organizations", 1, "region", "朝阳区", "organizations.csv row 3, region: '朝阳区' matches several places"),
    ("organizations", 1, "region", "火星", "row 3, region: '火星' matches no administrative division"),
    ("organizations", 3, "parent_id", "O404", "row 5, parent_id: 'O404' is not an org_id"),
    ("organizations", 0, "name", "", "organizations.csv row 2, name: is empty; this column is required"),
    ("pairings", 0, "mentee_org_id", "O1", "pairings.csv row 2, mentee_org_id: 'O1' is the same organization as mentor_org_id"),
    ("targets", 0, "metric", "dancing", "targets.csv row 2, metric: 'dancing' unknown value"),
    ("targets", 1, "metric", "training", "repeats the same pairing, metric and year"),
]


@pytest.mark.parametrize(("table", "index", "column", "value", "fragment"), BAD_CELLS)
def test_each_problem_names_file_row_column_value(tmp_path, table, index, column, value, fragment):
    frames = tiny_frames()
    frames[table].loc[index, column] = value
    folder = write_csv_dataset(tmp_path / "bad", frames)
    problems = sgnet.validate(folder)
    assert any(fragment in m for m in problems["message"]), problems["message"].tolist()
    with pytest.raises(TableValidationError) as info:
        sgnet.load(folder)
    assert len(info.value.failure_cases) == len(problems)


def test_all_problems_reported_at_once(tmp_path):
    frames = tiny_frames()
    frames["activities"].loc[0, "count"] = "x"
    frames["activities"].loc[4, "kind"] = "y"
    frames["people"].loc[0, "org_id"] = "O404"
    problems = sgnet.validate(write_csv_dataset(tmp_path / "bad", frames))
    assert sorted(zip(problems["table"], problems["row"], strict=True)) == [
        ("activities", 2), ("activities", 6), ("people", 2)]


def test_missing_column_and_missing_table(tmp_path):
    frames = tiny_frames()
    frames["pairings"] = frames["pairings"].drop(columns=["program"])
    folder = write_csv_dataset(tmp_path / "bad", frames)
    (folder / "people.csv").unlink()
    messages = sgnet.validate(folder)["message"].tolist()
    assert any("pairings.csv row 1, program: required column program is missing" in m
               for m in messages)
    assert any("the file for table people (人员) is missing" in m for m in messages)


def test_empty_and_binary_files_are_problems_not_crashes(tmp_path):
    folder = write_csv_dataset(tmp_path / "bad")
    (folder / "targets.csv").write_bytes(b"")
    (folder / "people.csv").write_bytes(b"PK\x03\x04\x00\x00binary")
    messages = sgnet.validate(folder)["message"].tolist()
    assert "targets.csv: the file is empty" in messages
    assert any(m.startswith("people.csv: is an Excel workbook (.xlsx) renamed to .csv") for m in messages)


def test_trailing_empty_rows_and_columns_are_accepted(tmp_path):
    folder = write_csv_dataset(tmp_path / "d")
    path = folder / "activities.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(line + ",," for line in lines) + "\n,,,,\n\n", encoding="utf-8")
    assert sgnet.validate(folder).empty


def test_drop_keeps_good_rows_and_rejects_dependents(tmp_path):
    frames = tiny_frames()
    frames["pairings"].loc[1, "mentor_org_id"] = "O404"  # PR2 rejected ...
    ds = sgnet.load(write_csv_dataset(tmp_path / "bad", frames), errors="drop")
    assert set(ds.pairings["pairing_id"]) == {"PR1"}
    # ... and so are its target (row 5) and its activity A5 (row 6)
    rejected = set(zip(ds.rejected["table"], ds.rejected["row"], strict=True))
    assert {("pairings", 3), ("targets", 5), ("activities", 6)} <= rejected
    assert "A5" not in set(ds.activities["activity_id"])


def test_missing_path_is_a_data_file_error(tmp_path):
    with pytest.raises(DataFileError, match="no such file or folder"):
        sgnet.load(tmp_path / "nothing")
    (tmp_path / "empty").mkdir()
    with pytest.raises(DataFileError, match="no sgnet table found"):
        sgnet.load(Path(tmp_path / "empty"))


def test_checks_on_distinct_values_report_what_pandera_reports_on_every_row(tmp_path):
    """sgnet runs a column's per-value checks once per distinct value; the cells reported
    must be exactly those pandera's schema finds on the whole table."""
    import pandera.pandas as pa

    from sgnet.checks import check_schema
    from sgnet.io import RawTable
    from sgnet.problems import Problems
    from sgnet.schema import SCHEMAS

    ds = sgnet.load()
    acts = ds.tables["activities"].drop(columns="region").head(60).copy()
    acts.loc[acts.index[[1, 5, 9]], "count"] = pd.array([0, -3, 0], dtype="Int64")
    acts.loc[acts.index[[2, 3]], "participants"] = pd.array([-1, -1], dtype="Int64")
    acts.loc[acts.index[4], "kind"] = "party"
    acts.loc[acts.index[7], "kind"] = pd.NA
    acts.loc[acts.index[[10, 11, 12]], "activity_id"] = acts["activity_id"].iloc[20]
    targets = ds.tables["targets"].head(30).copy()
    targets.loc[targets.index[[0, 3]], "year"] = pd.array([1999, 2200], dtype="Int64")
    targets.loc[targets.index[5], "metric"] = targets["metric"].iloc[6]
    targets.loc[targets.index[5], "year"] = targets["year"].iloc[6]
    targets.loc[targets.index[5], "pairing_id"] = targets["pairing_id"].iloc[6]
    for name, table in (("activities", acts), ("targets", targets)):
        with pytest.raises(pa.errors.SchemaErrors) as err:
            SCHEMAS[name].validate(table, lazy=True)
        expected = {(int(c.index), c.check) for c in err.value.failure_cases.itertuples()}
        raw = RawTable(name, f"{name}.csv", table.astype(str))
        problems = Problems()
        check_schema(raw, table, problems)
        found = {(r["row"], r["check"]) for r in problems.records}
        assert found == expected and len(found) >= 3


def test_columns_checked_in_threads_give_the_same_problems_and_tables(tmp_path, monkeypatch):
    """Long tables are tidied, parsed and checked column by column in threads; the result
    must not depend on it (problems in the same order, the same typed tables)."""
    from sgnet import io, read

    frames = tiny_frames()
    acts = frames["activities"]
    acts.loc[0, "count"] = "-2"
    acts.loc[1, "start_date"] = "2022/10/24"
    acts.loc[2, "kind"] = "培训"
    acts.loc[3, "mode"] = "by pigeon"
    frames["people"].loc[0, "since"] = "2022-13-45"
    frames["pairings"].loc[0, "pairing_id"] = frames["pairings"].loc[1, "pairing_id"]
    folder = write_csv_dataset(tmp_path / "d", frames)
    monkeypatch.setenv("SGNET_CACHE", "0")
    serial = io.validate(folder), sgnet.load(folder, errors="drop").tables
    monkeypatch.setattr(read, "_THREADED_ROWS", 1)
    threaded = io.validate(folder), sgnet.load(folder, errors="drop").tables
    pd.testing.assert_frame_equal(serial[0], threaded[0])
    assert len(serial[0]) >= 5
    for name in serial[1]:
        pd.testing.assert_frame_equal(serial[1][name], threaded[1][name])
