"""sgnet.extract: texts that must give no rows; seed documents end to end; output, encodings."""

from __future__ import annotations

import pandas as pd
import pytest
from extract_helpers import DATA, SEED_002, one, value

from sgnet.extract import DRAFT_COLUMNS, extract_files, extract_text, read_report_text

# ---------------------------------------------------------------- precision


@pytest.mark.parametrize(
    "text",
    [
        "10月23日,社区党委联合社工站举办重阳节敬老文艺演出,二十余名志愿者为老人表演节目。",
        "9月29日晚,民政局党支部与社工党支部开展联合主题党日活动。",
        "当天下午,社工带领志愿者开展清洁家园环境整治行动,清理卫生死角十二处。",
        "3月26日,国际社工日主题宣传周活动暨发展论坛在包头市举行。",
        "园东社区实行轮值主席制度,每月由一名社工担任轮值主席。",
        "7月21日,社工联合志愿者开展垃圾分类宣传活动。",
        "6月19日,社工站开展防诈骗宣传讲座,60余名居民参加。",
        "展望2024年,启新社工将继续深化结对帮扶,计划开展培训10期以上。",
        "每名督导将带教两名社工,每月至少开展一次个别督导。",
        "主要针对社工的工作性质、入户走访方式等内容进行讲解。",
    ],
)
def test_distractors_produce_no_rows(text):
    assert extract_text(text, year=2023).empty


def test_debris_headlines_are_ignored():
    text = ("热点推荐\n· 我县举办社工培训班 培训120人 2022-11-28\n正文\n"
            "发布时间:2022-12-05\n12月1日,督导团队开展团体督导,22名社工参加。\n"
            "相关新闻\n泸溪县开展困难群众走访慰问,走访200户,共培训30人。\n")
    df = extract_text(text)
    assert df["kind"].tolist() == ["group_supervision"]


def test_seed_003_publicity_gives_no_rows():
    assert extract_files([DATA / "seed_003_da286e44311f8105.txt"]).empty


# ---------------------------------------------------------------- seed 002, end to end


def test_seed_002_numbers():
    """Every fact seed 002 states is one row, with its dates, numbers and topic."""
    df = extract_files([SEED_002])
    got = {
        r.kind: (r.start_date, r.end_date, value(r.count), value(r.participants))
        for r in df.itertuples()
    }
    assert got == {
        "training": ("2022-10-24", "2022-10-25", 1, 20),
        "station_visit": ("2022-10-26", "2022-10-28", 5, None),
        "individual_supervision": ("2022-10-26", "2022-10-28", 1, 13),
        "group_supervision": ("2022-10-26", "2022-10-28", 5, None),
        "interview": ("2022-10-26", "2022-10-28", 14, None),
        "household_visit": ("2022-10-26", "2022-10-28", 5, None),
    }
    # the lead paragraph's 10月28日 入户走访 is one of the five households: no second row
    assert (df["kind"] == "household_visit").sum() == 1
    assert all(df["evidence"].map(lambda e: e in SEED_002.read_text(encoding="utf-8")))
    training = one(df, "training")
    assert training["topic"].startswith("个案基础服务,个案面谈技巧")
    assert "approximate" in training["note"]  # 20多名
    supervision = one(df, "individual_supervision")
    assert "sessions not stated" in supervision["note"]
    # the numbers of the 期间 sentence take the range of the sentence before
    assert one(df, "interview")["note"].endswith("date from an earlier sentence")
    assert (df["note"].str.contains("year from publication date 2022-10-30")).all()


def test_output_shape_and_ids(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("3月15日,开展团督2次,覆盖社工17人。", encoding="utf-8")
    b.write_text("3月16日,走访社工站3个。", encoding="utf-8")
    df = extract_files([a, b], year=2023)
    assert list(df.columns) == DRAFT_COLUMNS
    assert df["activity_id"].tolist() == ["D0001", "D0002"]
    assert df["source"].tolist() == ["a.txt", "b.txt"]
    assert df["confidence"].between(0, 1).all()
    assert (df[["pairing_id", "host_org_id", "target_org_id", "lead_person_ids"]] == "").all().all()


def test_missing_file_raises(tmp_path):
    with pytest.raises(FileNotFoundError, match="not found"):
        extract_files([tmp_path / "nope.txt"])


# ---------------------------------------------------------------- encodings and script


def test_traditional_script():
    row = one(extract_text("發佈時間:2022-08-20\n8月17日下午,雙方在縣民政局舉辦經驗分享會,"
                           "三十餘名社工參加。"), "sharing_session")
    assert (row["start_date"], value(row["participants"])) == ("2022-08-17", 30)
    assert "經驗分享會" in row["evidence"]  # evidence quotes the original script


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "utf-8", "utf-8-sig"])
def test_encodings(tmp_path, encoding):
    path = tmp_path / "r.txt"
    path.write_bytes("发布时间:2022-05-27\n5月24日,督导为社工开展培训,共计培训社工一百零八人。"
                     .encode(encoding))
    assert read_report_text(path).startswith("发布时间")
    row = one(extract_files([path]), "training")
    assert (row["start_date"], value(row["participants"])) == ("2022-05-24", 108)


def test_gb18030_benchmark_file():
    df = extract_files([DATA / "t01_wujiang_yanchi_gb.txt"])
    assert value(one(df, "training")["participants"]) == 126
    assert value(one(df, "household_visit")["count"]) == 17


def test_draft_rows_load_once_ids_are_filled(tmp_path):
    """The review workflow: a draft is validated, the user fills the ids, it loads."""
    from conftest import tiny_frames, write_csv_dataset

    import sgnet

    draft = extract_files([SEED_002])
    frames = tiny_frames()
    rows = draft.astype("string").fillna("")
    frames["activities"] = pd.concat([frames["activities"], rows], ignore_index=True).fillna("")
    folder = write_csv_dataset(tmp_path / "review", frames)
    problems = sgnet.validate(folder)
    assert problems.empty, problems["message"].tolist()  # ids optional, dates known
    filled = frames["activities"].copy()
    is_draft = filled["activity_id"].str.startswith("D")
    filled.loc[is_draft, ["pairing_id", "host_org_id", "target_org_id"]] = ["PR1", "O1", "O2"]
    frames["activities"] = filled
    ds = sgnet.load(write_csv_dataset(tmp_path / "filled", frames))
    seed = ds.activities[ds.activities["activity_id"].str.startswith("D")]
    assert dict(zip(seed["kind"], seed["count"], strict=True))["station_visit"] == 5
    assert {"evidence", "confidence"} <= set(ds.activities.columns)


def test_draft_without_year_is_flagged_by_validate(tmp_path):
    from conftest import tiny_frames, write_csv_dataset

    import sgnet

    draft = extract_text("10月24日,督导团队为当地社工开展专题培训,共培训30人。")
    assert draft.loc[0, "start_date"] == "--10-24"
    frames = tiny_frames()
    frames["activities"] = pd.concat(
        [frames["activities"], draft.astype("string").fillna("")], ignore_index=True).fillna("")
    problems = sgnet.validate(write_csv_dataset(tmp_path / "d", frames))
    assert problems["message"].str.contains("row 9, start_date: '--10-24' not a date").any()
