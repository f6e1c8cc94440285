"""The data-entry workbook: one sheet per table, Chinese headers, drop-down lists, date cells.

Program officers keep their records in Excel. :func:`write_template` writes a workbook that
:func:`sgnet.load` reads unchanged: sheets 机构, 人员, 结对, 目标, 活动 with Chinese headers (each
an alias of :data:`sgnet.vocab.COLUMN_ALIASES`; the canonical column name and a hint are in the
header cell's comment), drop-down lists for kinds, roles, modes, metrics, program names and ids,
date cells formatted as dates, number cells that refuse text, and an instructions sheet 说明
with an example row per activity kind. Given a :class:`~sgnet.Dataset`, the sheets are filled
with its records, so a folder of CSV files becomes a workbook that loads back equal.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from .dataset import Dataset
from .errors import SgnetError
from .excel import text_cell
from .headers import canonical_header
from .schema import METRICS, SCHEMAS, parse_kind, references, required_columns
from .vocab import (
    ACTIVITY_KINDS,
    FILE_STEMS,
    HEADERS,
    MILESTONE_KINDS,
    MODES,
    ORG_KINDS,
    ROLES,
    STATUSES,
    TABLES,
    VALUE_ALIASES,
)
from .words import KIND_WORDS

__all__ = ["HEADERS", "SHEETS", "CHOICES", "write_template", "template_frame"]

#: the sheet of each table: its Chinese name
SHEETS: dict[str, str] = {table: FILE_STEMS[table][1] for table in TABLES}

_DOMAINS = {"org_kind": ORG_KINDS, "role": ROLES, "activity_kind": ACTIVITY_KINDS, "mode": MODES,
            "milestone_kind": MILESTONE_KINDS, "status": STATUSES}


def _zh(domain: str, value: str) -> str:
    """The Chinese name of a canonical value (the one a drop-down offers): an activity kind
    as reports name it (:data:`sgnet.words.KIND_WORDS`), else its first Chinese alias."""
    if domain == "activity_kind" and value in KIND_WORDS:
        return KIND_WORDS[value][0]
    return next((k for k, v in VALUE_ALIASES[domain].items() if v == value), value)


def _metric_zh(metric: str) -> str:
    """A target metric in Chinese: the kind's name, with 人次 for its participants."""
    kind = metric.removesuffix("_participants")
    return _zh("activity_kind", kind) + ("人次" if kind != metric else "")


#: drop-down choices per value domain, as the workbook offers them (Chinese where there is one)
CHOICES: dict[str, list[str]] = {
    domain: [_zh(domain, v) for v in values] for domain, values in _DOMAINS.items()
} | {"metric": [_metric_zh(m) for m in METRICS], "bool": ["是", "否"]}

_PROGRAMS = ["牵手计划", "东西部协作", "省内结对"]
_LAST_ROW = 5000  # validations and formats reach this far down each sheet
_LIST_SHEET = "选项"  # hidden sheet holding the drop-down lists (sgnet.load ignores it)
_HELP_SHEET = "说明"

_HINTS = {
    "id": "编号,同一表内不重复",
    "text": "文字",
    "date": "日期,如 2022-10-24(单元格已设为日期格式)",
    "int": "整数",
    "float": "数字,可含小数",
    "bool": "是 / 否",
    "region": "6 位行政区划代码或唯一的地名,如 451225 或 罗城",
    "idlist": "人员编号,多个用 ; 分隔,如 P0015;P0017",
    "metric": "活动类型(如 培训),或类型加“人次”表示其参与人次(如 培训人次),或成果类型(如 培养人才);"
              "从下拉列表选择",
}

_NOTES = {
    ("activities", "count"): "数量:场次/次数、走访站点数或户数,视活动类型而定;空白为 1。"
                             "个督13人记参与人数 13;次数未写明时记 1",
    ("activities", "participants"): "参与人数(人次):培训、督导、交流、分享会的参加人数",
    ("activities", "hours"): "时长:督导或培训总小时数",
    ("activities", "pairing_id"): "结对编号,见“结对”表",
    ("activities", "host_org_id"): "主办机构的机构编号,见“机构”表",
    ("activities", "target_org_id"): "服务对象机构的机构编号,见“机构”表",
    ("targets", "value"): "该指标当年的目标值",
    ("targets", "year"): "年度,如 2022",
    ("organizations", "parent_id"): "上级机构的机构编号(如社工站所属的社工总站)",
    ("people", "org_id"): "所属机构的机构编号,见“机构”表",
    ("pairings", "program"): "项目名称,可从下拉列表选择或自行填写",
    ("milestones", "kind"): "成果类型:建成社工站、培育本土机构、培养人才、服务项目、"
                            "制度、品牌、其他",
    ("milestones", "count"): "数量:建成站点数、培育机构数、培养人数等;空白为 1",
    ("milestones", "evidence"): "佐证材料:文件名、批文号或链接",
    ("activities", "status"): "状态:草稿、已提交、已审核、退回",
    ("milestones", "status"): "状态:草稿、已提交、已审核、退回",
}

#: one example row per activity kind, for the 说明 sheet (kind, count, participants, hours, topic)
_EXAMPLES: dict[str, tuple[str, str, int, int | None, float | None, str]] = {
    "training": ("场次/期数", "培训人次", 1, 22, 3.0, "社工站站长业务培训"),
    "individual_supervision": ("督导次数", "被督导人数", 6, 18, 12.0, "个案服务个别督导"),
    "group_supervision": ("督导次数", "参加人数", 5, 40, 10.0, "团体督导:台账资料梳理"),
    "station_visit": ("走访站点数", "—", 5, None, None, "走访乡镇社工站"),
    "household_visit": ("走访户数", "—", 8, None, None, "入户走访困难老人"),
    "interview": ("访谈人数", "—", 6, None, None, "社工访谈"),
    "exchange_visit": ("参观次数", "参观人数", 1, 12, None, "赴结对机构参观交流学习"),
    "sharing_session": ("场次", "参加人数", 1, 30, 2.0, "优秀案例分享会"),
    "mentoring": ("结对数或次数", "被带教人数", 6, 6, 9.0, "站长结对带教"),
    "stay": ("1(每次派驻一行)", "—", 1, None, None,
             "驻点服务:开始、结束日期为在岗首末日,带领督导填派驻人员"),
    "other": ("按实际记录", "按实际记录", 1, None, None, "其他活动"),
}

_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_REQUIRED_FILL = PatternFill("solid", fgColor="F8CBAD")


def _check_headers() -> None:
    for table, headers in HEADERS.items():
        for column, header in headers.items():
            if canonical_header(header, table) != column:  # pragma: no cover - a vocabulary bug
                raise AssertionError(f"{header} is not an alias of {table}.{column}")


def _domain(table: str, column: str) -> str | None:
    kind = parse_kind(table, column)
    if kind and kind.startswith("enum:"):
        return kind[5:]
    return {"metric": "metric", "bool": "bool"}.get(kind or "")


def _list_sheet(wb: Workbook) -> dict[str, str]:
    """Write the drop-down lists on a hidden sheet; return each list's range formula."""
    ws = wb.create_sheet(_LIST_SHEET)
    ws.sheet_state = "hidden"
    ranges = {}
    lists = CHOICES | {"program": _PROGRAMS}
    for i, (name, values) in enumerate(lists.items(), start=1):
        letter = get_column_letter(i)
        ws.cell(1, i, name)
        for j, value in enumerate(values, start=2):
            ws.cell(j, i, value)
        ranges[name] = f"'{_LIST_SHEET}'!${letter}$2:${letter}${len(values) + 1}"
    return ranges


def _id_range(table: str, column: str) -> str:
    letter = get_column_letter(list(HEADERS[table]).index(column) + 1)
    return f"'{SHEETS[table]}'!${letter}$2:${letter}${_LAST_ROW}"


def _serial(year: int, month: int, day: int) -> str:
    """A date as Excel's serial day number (how a date validation stores its bounds)."""
    return str((dt.date(year, month, day) - dt.date(1899, 12, 30)).days)


def _validation(table: str, column: str, lists: dict[str, str]) -> DataValidation | None:
    kind = parse_kind(table, column)
    domain = _domain(table, column)
    refs = references(table).get(column)
    if domain is not None:
        dv = DataValidation(type="list", formula1=lists[domain], showDropDown=False)
        dv.error = "请从下拉列表中选择 / choose a value from the list"
    elif column == "program":
        dv = DataValidation(type="list", formula1=lists['program'], errorStyle="warning")
        dv.error = "不在常用项目名称中;确认要填写新的项目名称吗?"
    elif refs and kind == "id":
        key = {"organizations": "org_id", "pairings": "pairing_id", "people": "person_id"}[refs]
        dv = DataValidation(type="list", formula1=_id_range(refs, key),
                            errorStyle="warning")
        dv.error = f"不是“{SHEETS[refs]}”表中的编号;请先在“{SHEETS[refs]}”表中登记"
    elif kind == "date":
        dv = DataValidation(type="date", operator="between", formula1=_serial(2000, 1, 1),
                            formula2=_serial(2100, 12, 31))
        dv.error = "请填写日期,如 2022-10-24 / a date, e.g. 2022-10-24"
    elif kind == "int":
        low = 2000 if column == "year" else 1 if column == "count" else 0
        high = 2100 if column == "year" else 1_000_000
        dv = DataValidation(type="whole", operator="between", formula1=str(low),
                            formula2=str(high))
        dv.error = f"请填写 {low} 到 {high} 之间的整数 / a whole number"
    elif kind == "float":
        dv = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0")
        dv.error = "请填写不小于 0 的数字 / a number ≥ 0"
    else:
        return None
    dv.allow_blank = True
    dv.showErrorMessage = True
    dv.errorTitle = "sgnet"
    return dv


def _comment(table: str, column: str) -> Comment:
    required = "必填" if column in required_columns(table) else "选填"
    hint = _NOTES.get((table, column), _HINTS.get(parse_kind(table, column) or "", ""))
    domain = _domain(table, column)
    if domain in _DOMAINS or domain == "bool":
        hint = "从下拉列表选择:" + "、".join(CHOICES[domain])
    comment = Comment(f"{column} ({required})\n{hint}", "sgnet")
    comment.width, comment.height = 260, 110
    return comment


def _cell_value(value: object, table: str, column: str) -> object:
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return None
    if value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    domain = _domain(table, column)
    if domain in _DOMAINS:
        return _zh(domain, str(value))
    if domain == "metric" and str(value) in METRICS:
        return _metric_zh(str(value))
    if domain == "bool":
        return "是" if bool(value) else "否"
    if hasattr(value, "item"):  # numpy scalar
        value = value.item()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def template_frame(ds: Dataset, table: str) -> pd.DataFrame:
    """The columns of ``table`` a template holds: the schema's, then extra ones (not derived).

    Examples
    --------
    >>> import sgnet
    >>> list(template_frame(sgnet.load(), "targets").columns)
    ['pairing_id', 'metric', 'year', 'value']
    """
    frame = ds.tables[table]
    derived = {"activities": ["region"]}.get(table, [])
    extra = [c for c in frame.columns if c not in SCHEMAS[table].columns and c not in derived]
    return frame[list(SCHEMAS[table].columns) + extra]


def _table_sheet(wb: Workbook, table: str, lists: dict[str, str], ds: Dataset | None) -> None:
    ws = wb.create_sheet(SHEETS[table])
    frame = template_frame(ds, table) if ds is not None else None
    columns = list(HEADERS[table]) + ([c for c in frame.columns if c not in HEADERS[table]]
                                      if frame is not None else [])
    required = required_columns(table)
    for i, column in enumerate(columns, start=1):
        letter = get_column_letter(i)
        cell = ws.cell(1, i, HEADERS[table].get(column, column))
        cell.font = Font(bold=True)
        cell.fill = _REQUIRED_FILL if column in required else _HEADER_FILL
        cell.alignment = Alignment(horizontal="center")
        kind = parse_kind(table, column)
        if kind is not None:
            cell.comment = _comment(table, column)
            dv = _validation(table, column, lists)
            if dv is not None:
                dv.add(f"{letter}2:{letter}{_LAST_ROW}")
                ws.add_data_validation(dv)
        fmt = {"date": "yyyy-mm-dd", "int": "0", "float": "0.0##"}.get(kind or "", "@")
        ws.column_dimensions[letter].number_format = fmt
        width = 12 if kind in ("date", "int", "float", "bool") else 16
        ws.column_dimensions[letter].width = 30 if column in ("name", "topic", "source") \
            else width
    ws.freeze_panes = "A2"
    if frame is None:
        return
    fmts = [ws.column_dimensions[get_column_letter(i)].number_format
            for i in range(1, len(columns) + 1)]
    for r, record in enumerate(frame[columns].itertuples(index=False), start=2):
        for i, (column, value) in enumerate(zip(columns, record, strict=True), start=1):
            # text stays text: a name such as "=HYPERLINK(...)" must not become a formula
            cell = text_cell(ws.cell(r, i), _cell_value(value, table, column),
                             where=f"{SHEETS[table]} row {r}, {HEADERS[table].get(column, column)}")
            cell.number_format = fmts[i - 1]


def _help_sheet(wb: Workbook) -> None:
    ws = wb.create_sheet(_HELP_SHEET, 0)
    lines = [
        "sgnet 数据录入模板 / data-entry workbook",
        "",
        "1. 每张表一个工作表:机构、人员、结对、目标、活动。第 1 行是表头,请勿修改;"
        "把鼠标移到表头上可看到英文列名和填写说明。橙色表头为必填列。",
        "2. 类型、角色、活动类型、方式、指标、是否党员请从下拉列表选择;"
        "编号列可从其他表的编号中选择。",
        "3. 日期写成 2022-10-24;数量、人数、年度只能填整数,时长可带小数。",
        "4. 一行可以是一次活动,也可以是汇总(如“走访社工站点5个”写一行,数量 5)。"
        "数量空白时按 1 计。",
        "5. 填好后检查:sgnet validate 本文件.xlsx ;"
        "出报告:sgnet report --data 本文件.xlsx --period 2022Q4",
        "6. 本工作表(说明)和隐藏的“选项”表不会被读入。",
        "",
        "每种活动类型的示例行(活动表):",
    ]
    for r, text in enumerate(lines, start=1):
        ws.cell(r, 1, text).font = Font(bold=r == 1, size=14 if r == 1 else 11)
    start = len(lines) + 1
    head = ["活动编号", "活动类型", "开始日期", "结对编号", "数量", "参与人数", "时长", "方式",
            "主题", "“数量”的含义", "“参与人数”的含义"]
    for i, text in enumerate(head, start=1):
        cell = ws.cell(start, i, text)
        cell.font, cell.fill = Font(bold=True), _HEADER_FILL
    for r, (kind, (count_means, people_means, count, people, hours, topic)) in enumerate(
            _EXAMPLES.items(), start=start + 1):
        values = [f"A{r - start:05d}", _zh("activity_kind", kind), dt.date(2022, 10, 24),
                  "PR01", count, people, hours, "线下", topic, count_means, people_means]
        for i, value in enumerate(values, start=1):
            cell = ws.cell(r, i, value)
            if i == 3:
                cell.number_format = "yyyy-mm-dd"
    ws.column_dimensions["A"].width = 12
    for letter, width in zip("BCDEFGHIJK", (14, 12, 10, 8, 10, 8, 8, 26, 16, 16), strict=True):
        ws.column_dimensions[letter].width = width


def write_template(out: str | Path, ds: Dataset | None = None, *,
                   overwrite: bool = False) -> Path:
    """Write the data-entry workbook, empty or filled with a dataset's records.

    Parameters
    ----------
    out : str or Path
        The .xlsx file to write.
    ds : Dataset, optional
        Records to fill in (e.g. ``sgnet.load("my_csv_folder")``); default an empty workbook.
        Kinds, roles and modes are written in Chinese, as the drop-down lists offer them.
    overwrite : bool
        Replace an existing file; by default an existing file is never touched.

    Returns
    -------
    Path
        ``out``. The file is written to a temporary name beside it and moved into place only
        when complete.

    Raises
    ------
    SgnetError
        If ``out`` does not end in .xlsx, or exists and ``overwrite`` is false.

    Examples
    --------
    >>> import tempfile, sgnet
    >>> path = write_template(Path(tempfile.mkdtemp()) / "录入.xlsx")
    >>> len(sgnet.load(path).activities)
    0
    """
    _check_headers()
    out = Path(out)
    if out.suffix.lower() != ".xlsx":
        raise SgnetError(f"{out}: a template is an .xlsx workbook; name it e.g. 台账.xlsx")
    if out.exists() and not overwrite:
        raise SgnetError(f"{out} already exists; choose another name or pass --force "
                         "to replace it")
    wb = Workbook()
    wb.remove(wb.active)
    lists = _list_sheet(wb)
    for table in TABLES:
        _table_sheet(wb, table, lists, ds)
    _help_sheet(wb)
    wb.active = 0
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".sgnet-", suffix=".xlsx", dir=out.parent)
    os.close(fd)
    try:
        wb.save(tmp)
        os.replace(tmp, out)
    except OSError as err:
        raise SgnetError(f"cannot write {out}: {err.strerror or err}") from None
    finally:
        Path(tmp).unlink(missing_ok=True)
    return out
