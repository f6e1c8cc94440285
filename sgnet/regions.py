"""Administrative divisions of China: resolve names and codes, roll up, coordinates.

The table comes from the ``cpca`` package (its ``resources/adcodes.csv``: 12-digit codes,
names, longitude, latitude), read once on first use. A region is a 6-digit code
(行政区划代码): ``PP0000`` a province, ``PPCC00`` a city (prefecture), ``PPCCXX`` a county.
"""

from __future__ import annotations

import functools
import importlib.util
import re
from pathlib import Path

import pandas as pd

__all__ = [
    "divisions",
    "short_name",
    "resolve_region",
    "resolve_regions",
    "rollup",
    "region_name",
    "within",
    "LEVELS",
]

LEVELS = ("province", "city", "county")

_ETHNIC = re.compile(r"(?:[\u4e00-\u9fff]{1,3}族)+自治[州县旗]")
_SUFFIXES = re.compile(
    r"(特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|自治[州县旗]|省|市|地区|盟|新区|林区|县|区|旗)$"
)


@functools.cache
def divisions() -> pd.DataFrame:
    """The table of administrative divisions, one row per 6-digit code.

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
    """
    raw = pd.read_csv(_adcodes_file(), dtype={"adcode": str, "name": str}, encoding="utf-8")
    df = pd.DataFrame({"code": raw["adcode"].str[:6], "name": raw["name"]})
    df["longitude"] = pd.to_numeric(raw["longitude"], errors="coerce")
    df["latitude"] = pd.to_numeric(raw["latitude"], errors="coerce")
    df = df.drop_duplicates("code").sort_values("code", ignore_index=True)
    df["province"] = df["code"].str[:2] + "0000"
    df["city"] = df["code"].str[:4] + "00"
    df["level"] = "county"
    df.loc[df["code"].str[4:] == "00", "level"] = "city"
    df.loc[df["code"].str[2:] == "0000", "level"] = "province"
    names = dict(zip(df["code"], df["name"], strict=True))
    # municipalities (北京市 ...) have no real city level: their "city" is the province
    has_city = df["city"].isin(names) & (df["city"].map(names) != "市辖区")
    df.loc[~has_city, "city"] = df.loc[~has_city, "province"]
    df.loc[df["level"] == "province", "city"] = pd.NA

    def full(province: str, city: object, level: str, name: str) -> str:
        parts = [names.get(province)]
        if isinstance(city, str) and city != province:
            parts.append(names.get(city))
        if level == "county":
            parts.append(name)
        return "".join(p for p in parts if p)

    df["full_name"] = [full(*row) for row in zip(df["province"], df["city"].astype(object),
                                                 df["level"], df["name"], strict=True)]
    return df[df["name"] != "市辖区"].reset_index(drop=True)


def _adcodes_file() -> Path:
    """cpca's table of codes, found without importing cpca (whose import builds a matcher)."""
    spec = importlib.util.find_spec("cpca")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("the cpca package (administrative divisions) is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "resources" / "adcodes.csv"


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
        The 6-digit code.

    Raises
    ------
    ValueError
        If nothing matches, or several places do (the message lists the candidates).

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
    if re.fullmatch(r"\d+(\.0)?", text):
        digits = text.split(".")[0]
        code = digits[:6] if len(digits) in (6, 9, 12) else digits
        if len(code) == 6 and code in _codes():
            return code
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
