"""YAML text in and out: strict loading with line numbers, canonical writing that
keeps hand-written comments. Pure text functions: the store does the file I/O.
"""

import difflib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, ClassVar

import yaml

from tracker.i18n import Said, said
from tracker.sizes import MAX_LINES, MAX_NODES, too_large
from tracker.text import nfc

try:
    from yaml import CSafeDumper as BaseDumper
    from yaml import CSafeLoader as BaseLoader
except ImportError:  # pragma: no cover - libyaml missing: 7-9x slower, still correct
    from yaml import SafeDumper as BaseDumper  # type: ignore[assignment]
    from yaml import SafeLoader as BaseLoader  # type: ignore[assignment]

CONFLICT_MARKER = re.compile(r"^(<{7}|={7}|>{7}|\|{7})( |$)", re.M)


class YamlProblem(Exception):
    """A file that is not valid YAML for tracker, with the 1-based line at fault."""

    def __init__(self, line: int, message: Said) -> None:
        super().__init__(str(message))
        self.line = line
        self.message = message


@dataclass
class Loaded:
    """Parsed data plus where each mapping and key stood in the file."""

    data: Any
    # id(dict) -> (line of the mapping, {key: line}); the dicts live as long as `data`.
    lines: dict[int, tuple[int, dict[Any, int]]] = field(default_factory=dict)

    def line_of(self, path: tuple[Any, ...]) -> int:
        """The line of the deepest key along `path` that exists (1-based; 0 if unknown)."""
        node, best = self.data, 0
        for step in path:
            if isinstance(node, dict) and id(node) in self.lines:
                mapping_line, keys = self.lines[id(node)]
                best = keys.get(step, mapping_line)
                if step not in node:
                    return best
                node = node[step]
            elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
                node = node[step]
                if isinstance(node, dict) and id(node) in self.lines:
                    best = self.lines[id(node)][0]
            else:
                break
        return best


_STR, _MAP, _SEQ = "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
_SAFE = yaml.constructor.SafeConstructor()
_SCALARS: dict[str, Callable[[yaml.ScalarNode], Any]] = {
    "tag:yaml.org,2002:int": _SAFE.construct_yaml_int,
    "tag:yaml.org,2002:float": _SAFE.construct_yaml_float,
    "tag:yaml.org,2002:bool": _SAFE.construct_yaml_bool,
    "tag:yaml.org,2002:null": _SAFE.construct_yaml_null,
}


class _Int(int):
    source: str


class _Float(float):
    source: str


def _as_written(value: int | float, source: str) -> int | float:
    """A number YAML read from text that does not look like it (`010` is 8), kept with
    that text, so that an error can quote what the person wrote."""
    number = _Int(value) if isinstance(value, int) else _Float(value)
    number.source = source
    return number


def _timestamp(node: yaml.ScalarNode) -> Any:
    # `2025-02-30` looks like a date but is none: keep the text so that validation
    # reports it against its field instead of the whole file failing to load.
    if len(node.value) == 10:  # YYYY-MM-DD, nearly every date: the C parser, 5× faster
        try:
            return date.fromisoformat(node.value)
        except ValueError:
            pass
    try:
        return _SAFE.construct_yaml_timestamp(node)
    except ValueError:
        return node.value


def _convert(node: Any, lines: dict[int, tuple[int, dict[Any, int]]], dups: list[YamlProblem] | None = None) -> Any:
    """Python data from a node tree, as a safe loader makes it, but refusing duplicate
    keys and recording the line of every key. Libyaml builds the tree; this walk is
    faster than PyYAML's general constructor (docs/performance.md)."""
    tag = node.tag
    if tag == _STR:
        value = node.value
        # Decomposed input (Unikey, macOS) becomes NFC here, once, for every string.
        return value if value.isascii() or unicodedata.is_normalized("NFC", value) else nfc(value)
    if tag == _MAP:
        data: dict[Any, Any] = {}
        keys: dict[Any, int] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            key = _convert(key_node, lines) if isinstance(key_node, yaml.ScalarNode) else None
            if key is None or isinstance(key, dict | list):
                raise YamlProblem(line, said("khóa phải là một chuỗi", "a key must be a plain string"))
            if key in data:
                message = said(f"khóa '{key}' lặp lại (đã có ở dòng {keys[key]})",
                             f"duplicate key '{key}' (first at line {keys[key]})")  # fmt: skip
                if dups is None:
                    raise YamlProblem(line, message)
                dups.append(YamlProblem(line, message))  # told with every other problem; the first kept
                continue
            keys[key] = line
            data[key] = _convert(value_node, lines, dups)
        lines[id(data)] = (node.start_mark.line + 1, keys)
        return data
    if tag == _SEQ:
        return [_convert(item, lines, dups) for item in node.value]
    if tag == "tag:yaml.org,2002:timestamp":
        return _timestamp(node)
    if tag in _SCALARS:
        value = _SCALARS[tag](node)
        if type(value) in (int, float) and node.value != str(value):
            return _as_written(value, node.value)  # 010 is 8 to YAML 1.1
        return value
    raise YamlProblem(
        node.start_mark.line + 1, said(f"kiểu YAML không được hỗ trợ: {tag}", f"unsupported YAML tag: {tag}")
    )


_MAYBE_ALIAS = re.compile(r"(?:^|[\s\[{,:-])[&*][^\s\]},]")


def _first_alias_line(text: str) -> int:
    """The line of the first anchor or alias, 0 if none (or if the YAML is broken:
    the parser then reports that)."""
    try:
        for token in yaml.scan(text, Loader=BaseLoader):
            if isinstance(token, yaml.AliasToken | yaml.AnchorToken):
                return int(token.start_mark.line) + 1
    except yaml.YAMLError:
        return 0
    return 0


def size_problem(size: int) -> YamlProblem | None:
    """The problem with a data file of `size` bytes, checked before reading it."""
    message = too_large(size)
    return YamlProblem(0, message) if message else None


def decode(raw: bytes) -> str:
    """Bytes of a data file as text: UTF-8 (a BOM is fine); anything else is refused."""
    too_large = size_problem(len(raw))
    if too_large:
        raise too_large
    head = raw[:4096]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or (head.count(b"\x00") > len(head) // 4 > 0):
        raise YamlProblem(
            1,
            said("tệp không phải UTF-8 (có vẻ là UTF-16): hãy lưu lại dạng UTF-8",
               "not UTF-8 (looks like UTF-16): save the file as UTF-8"),
        )  # fmt: skip
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise YamlProblem(
            line,
            said("tệp không phải UTF-8 (Windows-1258 hay TCVN3?): hãy lưu lại dạng UTF-8",
               "not UTF-8 (Windows-1258 or TCVN3?): save the file as UTF-8"),
        ) from None  # fmt: skip
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise YamlProblem(line, said("có ký tự NUL trong tệp", "the file holds a NUL character"))
    if "\r" in text:
        lone = text.replace("\r\n", "\n").find("\r")
        if lone >= 0:  # line ends of the old Mac kind: YAML reads them, the line-based writers would not
            line = text.replace("\r\n", "\n").count("\n", 0, lone) + 1
            raise YamlProblem(line, said("dòng kết thúc bằng CR (kiểu máy Mac cũ): hãy lưu lại với LF hoặc CRLF",
                                         "line ends are bare CR (old Mac style): save with LF or CRLF"))  # fmt: skip
    lines = text.count("\n")
    if lines > MAX_LINES:
        many = said(f"tệp có {lines:,} dòng (tối đa {MAX_LINES:,}): có phải tệp dữ liệu không?",
                    f"the file has {lines:,} lines (at most {MAX_LINES:,}): is it a data file?")  # fmt: skip
        raise YamlProblem(0, many)
    return text.removeprefix("\ufeff")


def _nodes(text: str) -> int:
    return text.count(":") + text.count(",") + text.count("- ")  # an upper bound on keys and items


def unreadable(text: str) -> Said | None:
    """Why the reader would refuse a data file holding `text` by its size alone (bytes,
    lines, keys and items), if it would: a writer checks it before writing such a file,
    which could then be neither read nor written again."""
    size = too_large(len(text.encode("utf-8")))
    lines, nodes = text.count("\n"), _nodes(text)
    if size is not None:
        return size
    if lines > MAX_LINES:
        return said(f"tệp sẽ có {lines:,} dòng, quá giới hạn {MAX_LINES:,} dòng khi đọc",
                    f"the file would have {lines:,} lines, over the reader's limit of {MAX_LINES:,}")  # fmt: skip
    if nodes > MAX_NODES:
        return said(f"tệp sẽ có khoảng {nodes:,} khóa và mục, quá giới hạn {MAX_NODES:,} khi đọc",
                    f"the file would hold {nodes:,} keys and items (the reader's limit: {MAX_NODES:,})")  # fmt: skip
    return None


def load(text: str, duplicates: list[YamlProblem] | None = None) -> Loaded:
    """Parse YAML text strictly; raise YamlProblem with the line at fault. Given a
    list, a duplicate key is added to it instead (its first value kept), so that
    `validate` tells it with the file's other problems."""
    maybe_conflict = "<<<<<<<" in text or "=======" in text or ">>>>>>>" in text or "|||||||" in text
    marker = CONFLICT_MARKER.search(text) if maybe_conflict else None
    if marker:
        raise YamlProblem(
            text.count("\n", 0, marker.start()) + 1,
            said(
                "dấu xung đột git chưa giải quyết: sửa đoạn giữa <<<<<<< và >>>>>>> rồi xóa các dấu",
                "unresolved git conflict marker: settle the lines between <<<<<<< and >>>>>>>, remove the markers",
            ),
        )
    nodes = _nodes(text)
    if nodes > MAX_NODES:
        many = said(f"tệp có quá nhiều khóa và mục (khoảng {nodes:,}; tối đa {MAX_NODES:,})",
                    f"the file holds too many keys and items (about {nodes:,}; at most {MAX_NODES:,})")  # fmt: skip
        raise YamlProblem(0, many)
    if ("&" in text or "*" in text) and _MAYBE_ALIAS.search(text):
        # An alias bomb expands without bound; and a data file should show each record
        # in full, as a reviewer reads it. The regex is a cheap first look: "NN&MT" or
        # "*đậm*" in text make it look twice, the token scan decides.
        alias = _first_alias_line(text)
        if alias:
            raise YamlProblem(
                alias,
                said("không dùng anchor/alias (&, *) trong tệp dữ liệu", "anchors and aliases (&, *) are not allowed"),
            )
    try:
        node = compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        from tracker.yamlwords import explain

        message = explain(exc)
        line = mark.line + 1 if mark else 0
        source = text.split("\n")
        if 0 < line <= len(source) and "\t" in source[line - 1]:
            message += said(" (dùng dấu cách, không dùng tab)", " (indent with spaces, not tabs)")
        raise YamlProblem(line, message) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        raise YamlProblem(
            line, said(f"ký tự điều khiển không được phép (U+{exc.character:04X})",
                     f"control character not allowed (U+{exc.character:04X})")
        ) from None  # fmt: skip
    except yaml.YAMLError as exc:
        raise YamlProblem(0, said(f"lỗi cú pháp YAML: {exc}", f"YAML syntax error: {exc}")) from None
    lines: dict[int, tuple[int, dict[Any, int]]] = {}
    try:
        data = None if node is None else _convert(node, lines, duplicates)
    except RecursionError:
        raise YamlProblem(0, said("lồng nhau quá sâu", "nested too deeply")) from None
    return Loaded(data, lines)


# ---------------------------------------------------------------- canonical writing


class _Dumper(BaseDumper):
    def ignore_aliases(self, data: Any) -> bool:
        # Never write anchors: one date object used twice must still read as text.
        return True


def _represent_str(dumper: _Dumper, value: str) -> yaml.ScalarNode:
    # Multi-line text reads best as a literal block; the emitter falls back to a
    # quoted scalar by itself when the text cannot be a block (trailing spaces).
    # Text ending in a blank line would be a "keep" block (`|+`), which would also
    # keep the blank line written after every record: it is quoted instead.
    style = "|" if "\n" in value and not (value == "\n" or value.endswith("\n\n")) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _represent_as_written(dumper: _Dumper, value: "_Int | _Float") -> yaml.ScalarNode:
    # A number kept as the person wrote it (`order: 010` in a registry) is written so.
    tag = "tag:yaml.org,2002:int" if isinstance(value, int) else "tag:yaml.org,2002:float"
    return dumper.represent_scalar(tag, value.source)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(_Int, _represent_as_written)
_Dumper.add_representer(_Float, _represent_as_written)
# A date the user typed (dates.Typed) is written as any date is.
_Dumper.add_multi_representer(date, yaml.SafeDumper.represent_date)


def dump(data: Any) -> str:
    """Canonical YAML: block style, readable UTF-8, no wrapping, keys in given order."""
    return yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=-1,
        default_flow_style=False,
    )


class _Composer(BaseLoader):
    """libyaml's composer with a leaner tag resolver: data files use no path
    resolvers, and most values start with a letter no implicit type starts with."""

    _by_first: ClassVar[dict[str, list[tuple[str, re.Pattern[str]]]]] = {}

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, regexp in self._by_first.get(value[:1], ()):
                    if regexp.match(value):
                        return str(tag)
            return _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP


_Composer._by_first = {
    first: [*resolvers, *BaseLoader.yaml_implicit_resolvers.get(None, [])]
    for first, resolvers in BaseLoader.yaml_implicit_resolvers.items()
    if first is not None
}


def compose(text: str) -> yaml.Node | None:
    """The node tree of `text`, with the line and column of every node."""
    return yaml.compose(text, Loader=_Composer)


def comment_columns(text: str) -> dict[int, int]:
    """0-based line -> column where a comment starts, for every line that has one."""
    if "#" not in text:
        return {}
    spans: dict[int, list[tuple[int, int]]] = {}
    for token in yaml.scan(text, Loader=BaseLoader):
        if isinstance(token, yaml.ScalarToken):
            start, end = token.start_mark, token.end_mark
            for line in range(start.line, end.line + 1):
                lo = start.column if line == start.line else 0
                hi = end.column if line == end.line else 1 << 30
                spans.setdefault(line, []).append((lo, hi))
    found: dict[int, int] = {}
    for number, text_line in enumerate(text.split("\n")):
        for match in re.finditer("#", text_line):
            col = match.start()
            inside = any(lo <= col < hi for lo, hi in spans.get(number, ()))
            if not inside and (col == 0 or text_line[col - 1] in " \t"):
                found[number] = col
                break
    return found


def patch(old: list[str], comments: dict[int, int], new: list[str]) -> list[str]:
    """Turn `old` lines into `new` ones, keeping every comment of `old`.

    `comments` maps an index of `old` to the column where its comment starts.
    Unchanged lines are kept verbatim; a comment on a changed line moves to its
    replacement, or onto a line of its own just above it.
    """
    entries: list[tuple[list[str], str, str, str]] = []  # (asides, content, comment, original)
    asides: list[str] = []
    for i, line in enumerate(old):
        col = comments.get(i)
        content = (line[:col] if col is not None else line).rstrip()
        if col is not None and not content.strip():
            asides.append(line)  # a comment on a line of its own
            continue
        comment = line[col:] if col is not None else ""
        entries.append((asides, content, comment, line))
        asides = []
    out: list[str] = []
    matcher = difflib.SequenceMatcher(None, [e[1] for e in entries], new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        chunk = entries[i1:i2]
        if tag == "equal":
            for before, _, _, original in chunk:
                out.extend(before)
                out.append(original)
            continue
        for before, *_ in chunk:
            out.extend(before)
        replacement = new[j1:j2]
        if len(chunk) == len(replacement):
            out.extend(r + ("  " + c if c else "") for r, (_, _, c, _) in zip(replacement, chunk, strict=True))
            continue
        for _, content, comment, _ in chunk:
            if comment:
                out.append(content[: len(content) - len(content.lstrip())] + comment)
        out.extend(replacement)
    out.extend(asides)
    return out
