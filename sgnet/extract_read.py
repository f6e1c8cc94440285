"""Reading a report for :mod:`sgnet.extract`: decoding, normalizing, web debris, sentences.

A report is read as *story lines*: each line is kept twice, as written (for ``evidence``) and
normalized (for matching): full-width ASCII folded to half-width and traditional characters
converted to simplified (OpenCC ``t2s``, one character for one, so offsets agree). Navigation,
headline lists, repeated lines and everything after a footer marker are dropped.
"""

from __future__ import annotations

import re
from functools import lru_cache
from os import PathLike
from pathlib import Path

from . import extract_vocab as _v
from .errors import SgnetError

__all__ = [
    "read_report_text",
    "normalize",
    "story_lines",
    "is_heading",
    "split_sentences",
    "clause_bounds",
    "CLAUSE_BREAK",
]

_LIST_DATE_TAIL = re.compile(r"(?:\d{4}-)?\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*$")
_SENTENCE_END = re.compile(r"(?<=[。!?;])")
#: clause punctuation of normalized text
CLAUSE_BREAK = re.compile(r"[,;:。!?]")


def read_report_text(path: str | PathLike) -> str:
    """Read a report file as text, whatever its encoding.

    Parameters
    ----------
    path : str or PathLike
        A text file in UTF-8 (with or without BOM), UTF-16 (with or without BOM), or GB18030/GBK.

    Returns
    -------
    str
        The text, BOM removed. Traditional characters are kept; :func:`normalize` converts.

    Raises
    ------
    SgnetError
        If the file is not text (a .docx, .doc, .pdf or other binary file), saying to save
        it as plain text.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "r.txt"
    >>> _ = p.write_bytes("团体督导5次".encode("gb18030"))
    >>> read_report_text(p)
    '团体督导5次'
    """
    data = Path(path).read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    for magic, what in _NOT_TEXT:
        if data.startswith(magic):
            raise _not_text(path, what)
    if b"\x00" in data:  # UTF-16 saved without a BOM (its ASCII has a zero byte), or binary
        big_endian = data[::2].count(0) > data[1::2].count(0)
        try:
            text = data.decode("utf-16-be" if big_endian else "utf-16-le")
        except UnicodeError:
            raise _not_text(path, "binary") from None
        if _CONTROL.search(text):
            raise _not_text(path, "binary")
        return text
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("gb18030", errors="replace")
    if text.count("\ufffd") > len(text) // 100:  # not GB18030 either: sentences would be lost
        raise _not_text(path, "binary")
    return text


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")
#: how files that are not text begin, and what they are
_NOT_TEXT = ((b"PK\x03\x04", "zip"), (b"\xd0\xcf\x11\xe0", "ole"), (b"%PDF", "pdf"))


def _not_text(path: str | PathLike, what: str) -> SgnetError:
    from .words import word

    return SgnetError(word("extract.not_text", file=Path(path).name,
                           what=word(f"extract.what.{what}")))


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


def _fold_width(text: str) -> str:
    out = []
    for ch in text:
        code = ord(ch)
        if 0xFF01 <= code <= 0xFF5E:
            out.append(chr(code - 0xFEE0))
        elif code in (0x3000, 0xA0):
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


@lru_cache(maxsize=8192)  # story_lines and the year search read each line: convert once
def normalize(text: str) -> str:
    """Fold full-width ASCII to half-width, convert traditional characters to simplified and
    Cantonese words to Mandarin ones.

    The result has the same length as the input, so offsets found in it index the original.

    Examples
    --------
    >>> normalize("督導團，共培訓２０人。")
    '督导团,共培训20人。'
    """
    return _cantonese(_converter().convert(_fold_width(text)))


#: Cantonese words of Hong Kong posts as the Mandarin the rules read, each the same length
_CANTONESE_WORDS = {"佢哋": "他们", "我哋": "我们", "你哋": "你们", "琴日": "昨天", "寻日": "昨天",
                    "今朝": "今天", "听日": "明天", "边度": "哪里"}
_CANTONESE_CHARS = str.maketrans("咗嚟喺嘅唔睇", "了来在的不看")


def _cantonese(text: str) -> str:
    """"今朝去咗两个社工站" -> "今天去了两个社工站" (same length, so offsets still hold)."""
    if not re.search("[咗嚟喺嘅唔睇哋]|琴日|寻日|今朝|听日|边度", text):
        return text
    for word, plain in _CANTONESE_WORDS.items():
        text = text.replace(word, plain)
    return text.translate(_CANTONESE_CHARS)


_ITEM_MAX = 24
_SECTION_NUMBER = r"(?:[一二三四五六七八九十]+|\d{1,2})[、.]"


def story_lines(text: str) -> list[tuple[str, str]]:
    """(as written, normalized) lines of the story, web debris removed.

    Examples
    --------
    >>> story_lines("首页 | 新闻\\n· 某县开展培训 2022-11-28\\n督導開展培訓。"
    ...             "\\n相关阅读\\n另一篇。")
    [('首页 | 新闻', '首页 | 新闻'), ('督導開展培訓。', '督导开展培训。')]
    """
    kept: list[tuple[str, str]] = []
    seen: set[str] = set()
    body_seen = False
    for raw in text.splitlines():
        line = _form_field(_tabbed(normalize(raw).strip()))
        stripped = line.lstrip(" ·•-*#>【[")
        if body_seen and re.match(_v.STOP_MARKERS, stripped, re.IGNORECASE):
            break
        # a section heading may repeat the brief's table of contents (本期导读): keep it
        repeated = line in seen and not re.match(_SECTION_NUMBER, line)
        if not line or repeated or _is_debris(line):
            continue
        seen.add(line)
        if kept and _list_item(kept[-1][1], line):
            line = line + ";"  # an item of the list a colon opened: part of the story
        kept.append((raw.strip(), line))
        body_seen = body_seen or not is_heading(line)
    return kept


def _list_item(opener: str, line: str) -> bool:
    """Whether ``line`` is a short unpunctuated item ("走访社工站6个") of a list that the story
    line before it opened with a colon ("...连跑3天:") or that an item before it continues."""
    opened = opener.endswith(":") and not is_heading(opener) or (
        opener.endswith(";") and len(opener) <= _ITEM_MAX)
    numbered = re.match(r"\W*(?:\d{1,2}|[一二三四五六七八九十]+)[、.]", line)  # a section heading
    return (opened and len(line) <= _ITEM_MAX and is_heading(line)
            and bool(re.search(r"\d", line)) and not numbered)


def _tabbed(line: str) -> str:
    """A numbered table row aligned with spaces ("1    团体督导    4月12日    2场") with its
    column gaps as single tabs, so that it reads as a row.

    Examples
    --------
    >>> _tabbed("3   个别督导   5月   6次")
    '3\\t个别督导\\t5月\\t6次'
    >>> _tabbed("3 个别督导 5月")
    '3 个别督导 5月'
    """
    if re.match(r"\d{1,3}\s{2,}\S", line) and len(re.findall(r"\S\s{2,}(?=\S)", line)) >= 2:
        return re.sub(r"(?<=\S)\s{2,}(?=\S)", "\t", line)
    return line


def _form_field(line: str) -> str:
    """A field of a record form as "label:value": a boxed row ("│时  间│2023年10月17日│") or a
    label spaced out to align ("督 导 者:刘沛然"); box rules become empty lines.

    Examples
    --------
    >>> _form_field("│参加人员│张三、李四(共2人)│"), _form_field("时  间:2023年10月17日")
    ('参加人员:张三、李四(共2人)', '时间:2023年10月17日')
    >>> _form_field("┌────┬────┐")
    ''
    """
    if re.fullmatch(r"[\s─━┌┐└┘├┤┬┴┼│┃|+\-=]*", line):
        return "" if re.search(r"[─━┌┐└┘├┤┬┴┼]", line) else line
    boxed = re.fullmatch(r"[│┃|]\s*([^│┃|]{1,12}?)\s*[│┃|]\s*([^│┃|]*?)\s*[│┃|]?", line)
    if boxed:
        people = re.fullmatch(r"\(共?(\d+)人\)", boxed[1])  # "│(5人)│..." under 参加人员
        line = f"参加人数:{people[1]}人" if people else f"{boxed[1]}:{boxed[2]}"
    # "年  8 月 20 日" in a form whose year box was left blank
    line = re.sub(r"(?<=[年月]) +(?=\d{1,2} *[月日])|(?<=\d) +(?=[月日])", "", line)
    # "督导记录表(个别督导)": a form titled by its kind
    line = re.sub(r"^.{0,30}?记录表?\s*\(((?:个别|团体|小组)督导)\)$", r"督导形式:\1", line)
    line = re.sub(r"[□☐]\s*[^\s□☐■☑]+", "", line)  # "■个别督导 □团体督导": the box ticked
    line = re.sub(r"[■☑✓√]\s*", "", line)
    spaced = re.match(r"([\u4e00-\u9fff](?:\s{1,4}[\u4e00-\u9fff]){1,4})\s*:", line)
    if spaced:
        line = re.sub(r"\s", "", spaced[1]) + line[len(spaced[1]):].lstrip()
    return line


def _is_debris(line: str) -> bool:
    if line[0] in "·•▲" or re.match(r"\d+#", line) or re.match(_v.CAPTION_LINE, line):
        return True
    if (len(line) < 80 and _LIST_DATE_TAIL.search(line) and not re.match(_v.FIELD_LINE, line)
            and not re.search(_v.POST_HEADER, line)  # a forum floor's header is kept
            and not re.fullmatch(r"(?:\d{4}-)?\d{1,2}-\d{1,2}\s+\d{1,2}:\d{2}", line)):
        return True
    return False


def is_heading(line: str) -> bool:
    """A title, navigation or byline: a line without a comma or full stop.

    Examples
    --------
    >>> is_heading("牵手计划工作简报"), is_heading("3月8日,督导开展培训。")
    (True, False)
    >>> is_heading("1\\t4月12日\\t线上培训\\t65人次"), is_heading("参训人数:128人次")
    (False, False)
    """
    if "\t" in line and re.search(r"\d", line):
        return False  # a table row: "1<TAB>4月12日<TAB>线上培训<TAB>65人次"
    if re.fullmatch(_v.KEY_VALUE_LINE, line):
        return False  # a key and its number: "参训人数:128人次"
    return not re.search(r"[,;。!?]", line)


def split_sentences(para: str) -> list[tuple[int, str]]:
    """(offset, sentence) pieces of a normalized paragraph, cut after 。!?;

    Examples
    --------
    >>> split_sentences("开展培训。走访社工站3个;完成")
    [(0, '开展培训。'), (5, '走访社工站3个;'), (13, '完成')]
    """
    out, pos = [], 0
    for piece in _SENTENCE_END.split(para):
        if piece.strip():
            out.append((pos, piece))
        pos += len(piece)
    return out


def clause_bounds(sent: str, lo: int, hi: int) -> tuple[int, int]:
    """Start and end of the clauses of ``sent`` that hold ``sent[lo:hi]``.

    Examples
    --------
    >>> s = "当天,督导开展培训,共20人。"
    >>> a, b = clause_bounds(s, 5, 7)
    >>> s[a:b]
    '督导开展培训'
    """
    starts = [m.end() for m in CLAUSE_BREAK.finditer(sent, 0, lo)]
    stop = CLAUSE_BREAK.search(sent, hi)
    return (starts[-1] if starts else 0), (stop.start() if stop else len(sent))
