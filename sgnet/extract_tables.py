"""Indicator tables of self-evaluations and annual reports, for :mod:`sgnet.extract`.

A table whose header names a column of what was done ("指标  年度目标  实际完成  完成率") is
read down that column: "专业培训(场)  10  12  120%" becomes "专业培训12场", "培训人次  300  386"
becomes "培训386人次"; targets and rates are left out. A table of sessions and people
("项目 | 次数 | 人数", "服务项目  数量") is read row by row the same way; 合计 rows are left
out. Each row becomes a sentence of a total opened by the period the table's caption names
("表1 2023年度主要指标完成情况" -> "2023年度,", "二、9月工作数据" -> "9月,").
"""

from __future__ import annotations

import re

from . import extract_vocab as _v
from .extract_kinds import find_triggers

__all__ = ["indicator_tables"]

_CELLS = re.compile(r"\s*[|｜│┃]\s*|\s{2,}|\t")
#: a rule under a header ("------  ----", "|------|------|")
_RULE = r"[-=_\s|+:─━┼├┤]+"
#: a column of how many sessions, places or households ("次数", "场次", "数量")
_COUNT_COLUMN = r"(?:次数|场次|场数|数量|次|场|户数|个数)"
#: a column of how many people ("人数", "人次", "参与人数", "服务人次")
_PEOPLE_COLUMN = r"(?:参与|参加|参训|服务|受益|覆盖)?(?:人数|人次)"
#: a ledger cell with its unit ("1场", "42人", "全县社工46人")
_UNIT_CELL = r"[^\d\s]{0,6}\d+(?:场次|人次|户次|场|次|人|名|个|户|期|节|批|对)[^\d\s]{0,2}"
#: a row that sums the rows above it, not an activity of its own
_SUM_ROW = r"(?:合\s*计|小\s*计|总\s*计|共\s*计)"
#: the period word that may open the column of what was done ("本月完成", "本期实际")
_ACTUAL_PERIOD = r"(?:本月|本期|本季度?|当月|当期|本年度?|全年|年度|上半年|下半年)?"
_LABEL_UNIT = re.compile(r"(?P<name>.+?)\s*\((?P<unit>[^()]{1,3})\)")
#: a label that ends in what it counts ("培训人次", "入户户数"): the unit of its number
_COUNTED = {"人次": "人次", "人数": "人", "场次": "场", "次数": "次", "户数": "户", "个数": "个"}
_PERIOD = re.compile(r"\d{4}年(?:度)?(?:上半年|下半年|第[一二三四]季度)?")


def indicator_tables(lines: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Story lines with each indicator table read down its column of what was done.

    Parameters
    ----------
    lines : list of (str, str)
        (as written, normalized) story lines, as :func:`sgnet.extract_read.story_lines`.

    Returns
    -------
    list of (str, str)
        The lines, each table row (or pair of rows of one activity) replaced by a sentence
        of a total: :data:`sgnet.extract_vocab.TABLE_ROW` (a row that repeats a total told
        above adds nothing), the caption's period, 共 and the row's words.

    Examples
    --------
    >>> rows = ["表2 2025年度指标完成情况", "指标      目标   实际完成   完成率",
    ...         "团体督导(次)   8     9     112%", "入户走访(户)   30    31    103%"]
    >>> [words for _, words in indicator_tables([(r, r) for r in rows])[1:]]
    ['统计表:2025年度,共团体督导9次。', '统计表:2025年度,共入户走访31户。']
    """
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(lines):
        header = _cells(lines[i][1])
        ledger = _ledger_columns(header)
        if ledger is not None:
            rows, j = _ledger_rows(lines, i + 1, header, ledger)
            if rows:
                out += rows
                i = j
                continue
        columns = _columns(header)
        items, j = [], i + 1
        while columns is not None and j < len(lines):
            if re.fullmatch(_RULE, lines[j][1]):
                j += 1
                continue
            row = _cells(lines[j][1])
            last = max(k for k in columns if k is not None)  # a last 备注 cell may be empty
            if not last < len(row) <= len(header) or not any(
                    re.match(r"\d", row[k]) for k in columns if k is not None):
                break
            if not re.fullmatch(_SUM_ROW, row[0]):
                items.append((lines[j][0], _row_item(row, columns, header)))
            j += 1
        groups = _grouped([item for item in items if item[1]])
        if not groups:
            out.append(lines[i])
            i += 1
            continue
        caption = _caption(out[-1][1] if out else "")
        out += [(raw, f"{_v.TABLE_ROW}{caption}共{words}。") for raw, words in groups]
        i = j
    return out


def _ledger_columns(header: list[str]) -> dict[str, int] | None:
    """The columns of a ledger (台账) header, one activity per row: its date, what was done,
    and how many sessions and people ("序号 日期 活动类型 地点 次数 参与人数(人次) 备注")."""
    found: dict[str, int] = {}
    for k, cell in enumerate(header):
        name = re.sub(r"\([^()]*\)", "", cell)
        for key, pattern in (("date", r"(?:活动|服务|开展)?(?:日期|时间)"),
                             ("kind", r"(?:活动|服务|督导|工作)?(?:类型|类别|形式|项目|内容|名称)"),
                             ("sessions", _COUNT_COLUMN),
                             ("people", rf"{_PEOPLE_COLUMN}|(?:参与|参加|出席)(?:情况|人员|对象)"
                                        r"|人数/数量|数量/人数")):
            if key not in found and any(re.fullmatch(pattern, part)
                                        for part in (name, *name.split("/"))):
                found[key] = k
    if "date" in found and "kind" in found and ({"sessions", "people"} & set(found)):
        found["unit"] = "人次" if "人次" in header[found.get("people", 0)] else "人"
        return found
    return None


def _ledger_rows(lines: list[tuple[str, str]], j: int, header: list[str],
                 columns: dict[str, int]) -> tuple[list[tuple[str, str]], int]:
    """The rows of a ledger from line ``j`` as sentences ("7月2日,团体督导1次,11人次。"), and
    the index of the first line after it; 合计 rows are left out."""
    out: list[tuple[str, str]] = []
    need = max(v for k, v in columns.items() if k != "unit")
    while j < len(lines):
        line = lines[j][1]
        if re.fullmatch(_RULE, line):
            j += 1
            continue
        row = _cells(line)
        if re.match(_SUM_ROW, row[0]) or (len(row) > 1 and re.match(_SUM_ROW, row[1])):
            j += 1
            continue
        if not (need < len(row) <= len(header)) or not re.search(r"\d", row[columns["date"]]):
            break
        date, kind = row[columns["date"]], row[columns["kind"]]
        kinds = [t.kind for t in find_triggers(kind)]
        numbers = []
        sessions, people = (row[columns[k]] if k in columns else "" for k in ("sessions", "people"))
        if re.fullmatch(r"\d+", sessions):
            units = _v.SLOT_UNITS[kinds[0]]["count"] if kinds else ("次",)
            numbers.append(f"{sessions}{'次' if '次' in units else units[0]}")
        if re.fullmatch(r"\d+", people):
            numbers.append(f"{people}{columns['unit']}")
        numbers += [cell for k, cell in enumerate(row)  # "1场", "42人": cells with their unit
                    if k not in (columns["date"], columns["kind"])
                    and re.fullmatch(_UNIT_CELL, cell)]
        # a row dated by a month alone ("6月") is that month's total
        total = "" if re.search(r"[日号]|\d[./]\d", date) else "共"
        words = f"{date},{kind}{total}{','.join(numbers)}"
        out.append((lines[j][0], words + "。"))
        j += 1
    return out, j


def _cells(line: str) -> list[str]:
    """The cells of a table line: split at its bars when it has them ("项目 | 次数"), else at
    runs of spaces or tabs."""
    inner = re.sub(r"^(序号|编号)\s(?=\S)", r"\1  ", line.strip().strip("|｜│┃").strip())
    if re.search(r"[|｜│┃]", inner):  # a ruled table: only its bars part cells ("指  标")
        return [re.sub(r"\s+", "", cell) for cell in re.split(r"[|｜│┃]", inner)]
    return _CELLS.split(inner)


def _columns(header: list[str]) -> tuple[int | None, int | None, int | None] | None:
    """(done, sessions, people) columns of a table header, None when it is not one.

    A column of what was done ("实际完成", "本月完成") is read alone; else a column of
    sessions ("次数") and one of people ("人数"), either or both.
    """
    if len(header) < 2:
        return None
    def find(pattern: str) -> int | None:  # "场次/个数": either name of the column
        return next((k for k, cell in enumerate(header) if k and any(re.fullmatch(
            rf"{pattern}(?:\([^()]*\))?", part) for part in cell.split("/"))), None)
    done = find(rf"{_ACTUAL_PERIOD}(?:{_v.INDICATOR_ACTUAL})(?:数|值|情况)?")
    if done is not None:
        return (done, None, None) if len(header) >= 3 else None
    if any("目标" in cell or "计划" in cell for cell in header):
        return None  # a table of targets
    sessions, people = find(_COUNT_COLUMN), find(_PEOPLE_COLUMN)
    return None if sessions is None and people is None else (None, sessions, people)


def _row_item(row: list[str], columns: tuple, header: list[str]) -> str:
    """One row as words: "集中培训 | 2 | 96" under "项目 | 次数 | 人数" -> "集中培训2次,96人"."""
    done, sessions, people = columns
    # what the row is about: the column so named, else the first after a row number
    at = next((k for k, cell in enumerate(header[:len(row)]) if k < (done or len(header))
               and re.search(r"指标|项目|内容|类别|名称|活动|类型", cell)),
              1 if re.fullmatch(r"序号|编号|No\.?", header[0]) and len(row) > 1 else 0)
    label = row[at]
    if done is not None:
        unit = next((row[k] for k, cell in enumerate(header) if cell == "单位" and k < len(row)),
                    "")  # "个别督导 | 人次 | 100 | 134": the unit column
        name = re.sub(r"(?:场次|次数|人次|户数|个数)$", "", label)
        if unit and "/" in unit and "/" in row[done]:  # "场/人次 | 2/87"
            pairs = zip(row[done].split("/"), unit.split("/"), strict=False)
            return name + ",".join(f"{n}{u}" for n, u in pairs if re.fullmatch(r"\d+", n))
        if unit and re.fullmatch(r"\d+", row[done]) and not _LABEL_UNIT.fullmatch(label):
            return f"{name}{row[done]}{unit}"
        return _item(label, row[done])
    named = _LABEL_UNIT.fullmatch(label)
    name = named["name"] if named else label
    if not re.search(r"[\u4e00-\u9fff]", name):
        return ""  # a row number, not what was done
    words = ""
    if sessions is not None and re.match(r"\d+[^\d.%]", row[sessions]) and people is None:
        # "14场(受训人次:612)", "3场(出席约150人)": a number with its unit and its people
        cell = re.sub(r"(\D*?)(人次|人数)\s*:\s*(\d+)", r"\1\3人次", row[sessions])
        return name + re.sub(r"\(([^()]*)\)", r",\1", cell)
    if sessions is not None and re.fullmatch(r"\d+", row[sessions]):
        unit = named["unit"] if named else {"场次": "场", "场数": "场", "场": "场", "户数": "户",
                                            "个数": "个"}.get(header[sessions], "次")
        kinds = [t.kind for t in find_triggers(name)]
        units = _v.SLOT_UNITS[kinds[0]]["count"] if kinds else ()
        if units and unit not in units:  # "社工站走访 | 6" under "次数": 6 stations
            unit = units[0]
        words = f"{name}{row[sessions]}{unit}"
    if people is not None and re.fullmatch(r"\d+", row[people]):
        unit = "人次" if "人次" in header[people] else "人"
        words = f"{words},{row[people]}{unit}" if words else f"{name}{row[people]}{unit}"
    return words


def _grouped(items: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(rows as written, words) per activity: a row of people right after a row of sessions of
    the same activity ("专题培训3场", "培训156人次"), or of none ("参训人次"), completes it."""
    out: list[tuple[str, str]] = []
    for raw, words in items:
        stem = re.match(r"\D*", words)[0]
        kinds = {t.kind for t in find_triggers(stem)}
        if (out and re.fullmatch(r"\d+人次?", words[len(stem):])
                and kinds <= {t.kind for t in find_triggers(out[-1][1])}):
            out[-1] = (f"{out[-1][0]} {raw}", f"{out[-1][1]},{words}")
        else:
            out.append((raw, words))
    return out


def _caption(line: str) -> str:
    """The period a table's caption names, opening the table's line: "2023年度," for "表1
    2023年度主要指标完成情况"; "9月," for "9月工作数据" or "9月,...主要数据如下:"."""
    if not line or ("," in line and not line.endswith(":")):
        return ""
    year = _PERIOD.search(line) or re.search(r"本年度|本季度|上半年|下半年|全年", line)
    if year:
        return f"{year[0]},"
    month = re.search(r"(?<![\d至到—-])(\d{1,2})月(?!\d|份?[至到—-])", line)
    return f"{month[1]}月," if month else ""


def _item(label: str, number: str) -> str:
    """"专业培训(场)" and "12" -> "专业培训12场"; "" when the label gives no unit."""
    if not re.fullmatch(r"\d+(?:\.\d+)?", number):
        return f"{label}{number}" if re.search(r"\D$", number) else ""
    named = _LABEL_UNIT.fullmatch(label)
    if named:
        return f"{named['name']}{number}{named['unit']}"
    for word, unit in _COUNTED.items():
        if label.endswith(word):
            return f"{label[:-len(word)]}{number}{unit}"
    return ""
