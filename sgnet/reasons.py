"""Why a record is a problem, in Chinese beside English: the reasons of validation.

The loader writes its reasons in English (the ``message`` of :func:`sgnet.validate`, stable
for programs and tests); :func:`sgnet.problems.messages` says each one in Chinese (the
default of ``sgnet validate``) or English from this table, carrying ``{name}`` parts over.
Like :mod:`sgnet.words`, it holds words only: every reason is said here once.
"""

from __future__ import annotations

__all__ = ["REASONS"]

#: why a cell, a column or a file is a problem: (English, Chinese). The English text is what
#: the loader writes (``message`` of :func:`sgnet.validate`); ``{name}`` parts are carried
#: over. :func:`sgnet.problems.messages` says a problem in either language from these.
REASONS: tuple[tuple[str, str], ...] = (
    (
        "is the old code of {name}, replaced by {new} {full}; read as {new2}",
        "是{name}的旧代码,已改为 {new} {full};按 {new2} 读取",
    ),
    ("the file is empty", "文件是空的"),
    ("the file has no header row", "文件没有表头行"),
    (
        "text is neither UTF-8 nor GB18030/GBK",
        "文本既不是 UTF-8 也不是 GB18030/GBK 编码;请在 Excel 中另存为“CSV UTF-8”",
    ),
    (
        "is an Excel workbook (.xlsx) renamed to .csv; give the .xlsx itself, or save it from "
        "Excel as CSV UTF-8",
        "是改了扩展名的 Excel 工作簿(.xlsx);请直接使用 .xlsx,或在 Excel 中另存为“CSV UTF-8”",
    ),
    (
        "is an old Excel workbook (.xls); save it from Excel as .xlsx or CSV UTF-8",
        "是旧版 Excel 工作簿(.xls);请在 Excel 中另存为 .xlsx 或“CSV UTF-8”",
    ),
    (
        "is UTF-16 text (Excel's 'Unicode text'); save it from Excel as CSV UTF-8",
        "是 UTF-16 文本(Excel 的“Unicode 文本”);请另存为“CSV UTF-8”",
    ),
    (
        "not a text file (is it a workbook or a document saved as .csv?)",
        "不是文本文件(是否把工作簿或文档存成了 .csv?)",
    ),
    (
        "is a folder, not a file; rename it or move the CSV file out of it",
        "是文件夹而不是文件;请改名,或把 CSV 文件移出来",
    ),
    (
        "cannot be read (permission denied); give yourself read access to the file",
        "无法读取(没有权限);请给自己该文件的读取权限",
    ),
    (
        "cannot be read: it is a link to a file that does not exist",
        "无法读取:它是指向不存在文件的链接",
    ),
    ("cannot be read ({why})", "无法读取({why})"),
    ("the {kind} for table {table} ({zh}) is missing{found}", "缺少表 {zh}({table}){found}"),
    (
        "files {a} and {b} are both table {table}; keep one (only {c} is read)",
        "文件 {a} 和 {b} 都是表 {table};请只保留一个(现只读取 {c})",
    ),
    (
        "sheets {a} and {b} are both table {table}; keep one (only {c} is read)",
        "工作表 {a} 和 {b} 都是表 {table};请只保留一个(现只读取 {c})",
    ),
    (
        "sheet {a} is hidden; unhide it and keep the one sheet for table {table}, or delete it "
        "(sheet {b} is read)",
        "工作表 {a} 被隐藏;请取消隐藏并只保留表 {table} 的一个工作表,或删除它(现读取工作表 {b})",
    ),
    (
        "sheet {a} is hidden; unhide it and keep the one sheet for table {table}, or delete it "
        "(it is not read)",
        "工作表 {a} 被隐藏;请取消隐藏并只保留表 {table} 的一个工作表,或删除它(它未被读取)",
    ),
    (
        "a stray '\"' at line {a} opens a cell that runs to line {b}: lines {c}–{d} were "
        "swallowed into it; remove the quote or close it",
        "第 {a} 行有一个多余的引号(\"),使单元格一直延续到第 {b} 行:第 {c}–{d} "
        "行被吞进了这个单元格;请删除或补全引号",
    ),
    (
        "header cells {coord} are merged; give each column its own header in row {row} "
        "(unmerge the cells)",
        "表头单元格 {coord} 被合并;请取消合并,让第 {row} 行每列都有自己的表头",
    ),
    (
        "is empty because cells {coord} are merged and only row {row} holds the value{top}; "
        "unmerge the cells and fill in every row",
        "为空,因为单元格 {coord} 被合并,只有第 {row} 行有值{top};请取消合并并逐行填写",
    ),
    (
        "rows 1–{a} above the header (row {b}) are a title or blank and were skipped",
        "表头(第 {b} 行)上方的第 1–{a} 行是标题或空行,已跳过",
    ),
    ("is a column of row numbers (序号); left out", "是序号列,已略去"),
    (
        "required column {col} is missing (header row {row} has: {has})",
        "缺少必填列 {col}(第 {row} 行表头为:{has})",
    ),
    ("the header appears twice", "表头重复出现两次"),
    (
        "is not a column of {table} but looks like {col} ({zh}), which is absent; rename the "
        "header to {zh2} or {col2} (a unit in brackets may follow), else its values are not "
        "read as such",
        "不是表 {table} 的列,但看起来像缺少的列 {zh}({col});请把表头改为 "
        "{zh2}(可在括号中注明单位),否则其中的值不会被读取",
    ),
    ("is not a column sgnet knows; kept as text", "不是 sgnet 认识的列,按文本保留"),
    ("optional columns absent (left empty): {cols}", "缺少可选列(按空白处理):{cols}"),
    (
        "is in a column with no header; a row with more cells than the header, or merged "
        "header cells? Remove the extra cell or give the column a header ({n} rows have values "
        "there)",
        "位于没有表头的列中(共 {n} 行有值);是某行单元格比表头多,还是表头单元格被合并?请删除多余"
        "单元格或补上表头",
    ),
    (
        "is in a column with no header; a row with more cells than the header, or merged "
        "header cells? Remove the extra cell or give the column a header",
        "位于没有表头的列中;是某行单元格比表头多,还是表头单元格被合并?请删除多余单元格或补上表"
        "头",
    ),
    ("not a date; use YYYY-MM-DD (e.g. 2022-10-24)", "不是日期;请写成 YYYY-MM-DD(如 2022-10-24)"),
    (
        "looks like an Excel serial date ({d}?); format the cell as a date or write YYYY-MM-DD",
        "像是 Excel 的日期序号({d}?);请把单元格设为日期格式,或写成 YYYY-MM-DD",
    ),
    ("is not a real calendar date", "不是真实存在的日期"),
    (
        "is outside the dates sgnet accepts ({a}–{b}); a typo in the year, or a number in a "
        "date cell?",
        "超出可接受的日期范围({a}–{b} 年);年份写错了,还是日期格里填了数字?",
    ),
    ("means no end date (9999); read as empty", "表示没有结束日期(9999),按空白处理"),
    ("not a number; write digits, e.g. 12", "不是数字;请写阿拉伯数字,如 12"),
    (
        "a comma only separates thousands (1,234); write a decimal with a point (2.5) and one "
        "number per cell",
        "逗号只能用作千位分隔(1,234);小数请用小数点(2.5),每格只写一个数",
    ),
    (
        "is more than {n}, the most sgnet accepts here; check the value",
        "超过此列允许的上限 {n};请核对数值",
    ),
    ("not a whole number", "不是整数"),
    ("not a yes/no value; use true/false (是/否)", "不是“是/否”值;请填 是 或 否"),
    (
        "unknown value (did you mean {near}?); use one of {allowed} (or {zh} …)",
        "无法识别的值(是不是“{near}”?);可填:{zh} …",
    ),
    ("unknown value; use one of {allowed} (or {zh} …)", "无法识别的值;可填:{zh} …"),
    (
        "unknown value (did you mean {near}?); use an activity kind (培训, 个别督导, 团体督导, "
        "走访社工站 …), or one followed by 人次 for its participants (培训人次)",
        "无法识别的指标(是不是“{near}”?);请填活动类型(培训、个别督导、团体督导、走访社工站 "
        "…),或类型加“人次”(如 培训人次)",
    ),
    (
        "unknown value; use an activity kind (培训, 个别督导, 团体督导, 走访社工站 …), or one "
        "followed by 人次 for its participants (培训人次)",
        "无法识别的指标;请填活动类型(培训、个别督导、团体督导、走访社工站 …),或类型加“人次”(如 "
        "培训人次)",
    ),
    ("unknown value; use one of {allowed}", "无法识别的值;可填:{allowed}"),
    (
        "holds an Excel error value (#N/A, #DIV/0!, #REF! …); fix the formula or type the value",
        "是 Excel 错误值(#N/A、#DIV/0!、#REF! …);请修正公式或直接填写数值",
    ),
    (
        "holds a formula with no value saved (the file was written by a program and never "
        "calculated); open and save it in Excel, or type the value",
        "是没有保存计算结果的公式(文件由程序生成,从未在 Excel 中计算);请用 Excel "
        "打开并保存,或直接填写数值",
    ),
    (
        "this row repeats the header row (were two files joined here?); remove it",
        "这一行重复了表头(是否把两个文件拼在了一起?);请删除",
    ),
    (
        "is the 合计 of {col}, but the rows above it sum to {sum}; correct the total or the "
        "rows",
        "是 {col} 的合计,但上方各行相加为 {sum};请更正合计或各行",
    ),
    (
        "is the 合计 of {col}, but the rows below it sum to {sum}; correct the total or the "
        "rows",
        "是 {col} 的合计,但下方各行相加为 {sum};请更正合计或各行",
    ),
    (
        "rows {a} and {b} are one header: the names of row {c} are read, and those above "
        "where it is blank",
        "第 {a}、{b} 行合为表头:读取第 {c} 行的列名,该行空白处读取上一行的列名",
    ),
    (
        "is a 合计 (total) row; checked against the rows above and left out",
        "是合计行;已与上方各行核对,并略去",
    ),
    (
        "is a 合计 (total) row; checked against the rows below and left out",
        "是合计行;已与下方各行核对,并略去",
    ),
    ("is empty; this column is required", "为空;此列必填"),
    ("appears more than once; ids must be unique", "重复出现;编号必须唯一"),
    (
        "repeats the same pairing, metric and year as another row",
        "与另一行的结对、指标和年度完全相同",
    ),
    ("must be at least {n}", "不能小于 {n}"),
    ("must lie between {a} and {b}", "必须在 {a} 到 {b} 之间"),
    ("is not an {key} in {file}", "在 {file} 中找不到这个编号({key})"),
    ("is not a {key} in {file}", "在 {file} 中找不到这个编号({key})"),
    ("is before start_date", "早于开始日期"),
    ("is the same organization as mentor_org_id", "与帮扶机构是同一个机构"),
    (
        "makes the organization its own parent or ancestor; correct parent_id",
        "使机构成为自己的上级(或上级的上级);请更正上级机构",
    ),
    (
        "is outside the dates of its pairing (start_date..end_date in pairings)",
        "不在所属结对的起止日期之内",
    ),
    (
        "is neither organization of the pairing nor a parent or branch of one",
        "既不是结对双方机构,也不是其上级或下属机构",
    ),
    ("names a person of an organization outside the pairing", "列出了结对双方以外机构的人员"),
    ("matches several places: {list}", "对应多个地方:{list};请写全称或 6 位代码"),
    ("matches no administrative division; use a 6-digit code", "找不到这个行政区划;请写 6 位代码"),
    ("is not a known 6-digit administrative division code", "不是有效的 6 位行政区划代码"),
    (
        "is the old code of {name}, replaced by {new} {full}; use {new2}",
        "是{name}的旧代码,已改为 {new} {full};请填 {new2}",
    ),
    (
        "is the old code of {name}, no longer in use; use the current code of the place",
        "是{name}的旧代码,已停用;请填现行代码",
    ),
)
