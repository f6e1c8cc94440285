import pandas as pd
import pytest

from sgnet.regions import divisions, region_name, resolve_region, rollup, within


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("451225", "451225"),
        ("451225000000", "451225"),
        (451225, "451225"),
        ("罗城仫佬族自治县", "451225"),
        ("罗城", "451225"),
        ("广西罗城", "451225"),
        ("河池市罗城仫佬族自治县", "451225"),
        ("东莞市", "441900"),
        ("广西壮族自治区", "450000"),
        ("福田区", "440304"),
    ],
)
def test_resolve(value, code):
    assert resolve_region(value) == code


def test_ambiguous_name_lists_candidates():
    with pytest.raises(ValueError, match=r"several places: 110105 北京市朝阳区, 220104"):
        resolve_region("朝阳区")


@pytest.mark.parametrize("value", ["火星", "999999", "4512"])
def test_unknown(value):
    with pytest.raises(ValueError, match="no administrative division|not a known"):
        resolve_region(value)


def test_table_has_all_levels_and_coordinates():
    d = divisions()
    assert set(d["level"]) == {"province", "city", "county"}
    assert (d["level"] == "province").sum() >= 34
    row = d.set_index("code").loc["451225"]
    assert 108 < row["longitude"] < 110 and 24 < row["latitude"] < 26


def test_rollup_and_within():
    codes = pd.Series(["451225", "441900", "110105", "451202"])
    assert rollup(codes, "province").tolist() == ["450000", "440000", "110000", "450000"]
    assert rollup(codes, "city").tolist() == ["451200", "441900", "110000", "451200"]
    assert within(codes, "451200").tolist() == [True, False, False, True]
    assert within(codes, "广西").tolist() == [True, False, False, True]
    assert region_name("441900") == "东莞市"


def test_current_divisions_resolve():
    """Districts created since cpca's table (2015) resolve; a bare name shared by two does not."""
    assert resolve_region("深圳市龙华区") == "440309"
    assert resolve_region("440310") == "440310" and resolve_region("深圳光明区") == "440311"
    with pytest.raises(ValueError, match="440309.*460106"):
        resolve_region("龙华区")
    assert rollup(pd.Series(["440309"]), "city").tolist() == ["440300"]


def test_replaced_code_resolves_to_its_successor():
    assert resolve_region("139001") == "130682"  # 定州市, now under 保定市
    with pytest.raises(ValueError, match="old code of 江干区, no longer in use"):
        resolve_region("330104")
