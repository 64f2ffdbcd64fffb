"""PyYAML's syntax errors in words a secretariat reads: Vietnamese, and plain English.

libyaml and PyYAML word a problem as "while scanning a quoted scalar … found
unexpected end of stream"; what a person needs is what is wrong, where, and where
the thing that is wrong began ("a quoted text opened on line 4 is never closed").
"""

import re

import yaml

from tracker.i18n import Said, said

# What PyYAML was reading: its words -> (Vietnamese, English).
_CONTEXTS = {
    "while scanning a quoted scalar": ("chuỗi trong ngoặc kép", "a quoted text"),
    "while scanning a simple key": ("một khóa", "a key"),
    "while scanning a plain scalar": ("một giá trị", "a value"),
    "while scanning a block scalar": ("một đoạn văn nhiều dòng (| hoặc >)", "a block of text (| or >)"),
    "while scanning an anchor": ("một anchor (&)", "an anchor (&)"),
    "while scanning an alias": ("một alias (*)", "an alias (*)"),
    "while scanning a tag": ("một tag (!)", "a tag (!)"),
    "while scanning a directive": ("một chỉ thị (%)", "a directive (%)"),
    "while scanning a %YAML directive": ("một chỉ thị (%)", "a directive (%)"),
    "while parsing a block mapping": ("danh sách khóa", "a list of keys"),
    "while parsing a block collection": ("danh sách", "a list"),
    "while parsing a block node": ("một giá trị", "a value"),
    "while parsing a flow sequence": ("danh sách trong ngoặc vuông [ ]", "a list in brackets [ ]"),
    "while parsing a flow mapping": ("khối trong ngoặc nhọn { }", "a block in braces { }"),
    "while parsing a flow node": ("một giá trị trong ngoặc", "a value in brackets"),
    "while parsing a node": ("một giá trị", "a value"),
    "while parsing a tag": ("một tag (!)", "a tag (!)"),
    "while increasing flow level": ("các ngoặc lồng nhau", "nested brackets"),
    "while increasing indent level": ("các mức thụt lề", "the indent levels"),
}

# What is wrong: a pattern of PyYAML's words -> (Vietnamese, English), \1 its part.
_PROBLEMS = [
    (r"found unexpected end of stream", "chưa được đóng đến hết tệp", "not closed before the file ends"),
    (r"could not find expected ':'", "thiếu dấu ':' sau khóa", "a ':' is missing after the key"),
    (r"mapping values are not allowed (?:here|in this context)",
     "dấu ':' không được đặt ở đây (giá trị có dấu ':' cần đặt trong ngoặc kép?)",
     "a ':' is not allowed here (does a value with ':' need quotes?)"),
    (r"found character '\\t' that cannot start any token", "có ký tự tab", "there is a tab character"),
    (r"found (?:a )?tab characters? (?:where an indentation space is expected|that violates? indentation)",
     "có ký tự tab ở chỗ thụt lề", "there is a tab where the indent should be"),
    (r"found character that cannot start any token", "có một ký tự không thể đứng đầu ở đây",
     "a character cannot begin anything here"),
    (r"found character (.+) that cannot start any token", r"ký tự \1 không thể đứng đầu ở đây",
     r"the character \1 cannot begin anything here"),
    (r"did not find expected key", "thụt lề không khớp: cần một khóa ở đây", "the indent does not line up: a key "
     "is expected here"),
    (r"did not find expected '-' indicator", "thụt lề không khớp: cần một mục '- ' ở đây",
     "the indent does not line up: an item '- ' is expected here"),
    (r"did not find expected ',' or '\]'|expected ',' or '\]', but got .*", "thiếu dấu ',' hoặc ']'",
     "a ',' or ']' is missing"),
    (r"did not find expected ',' or '\}'|expected ',' or '\}', but got .*", "thiếu dấu ',' hoặc '}'",
     "a ',' or '}' is missing"),
    (r"did not find expected node content|expected the node content, but found .*", "thiếu giá trị",
     "a value is missing"),
    (r"block sequence entries are not allowed (?:here|in this context)", "mục '- ' không được đặt ở đây",
     "an item '- ' is not allowed here"),
    (r"expected <block end>, but found .*", "thụt lề không khớp với các dòng trên",
     "the indent does not line up with the lines above"),
    (r"found unknown escape character ?(.*)", r"dấu \\ trong ngoặc kép phải viết thành \\\\ \1",
     r"a \\ inside double quotes must be written \\\\ \1"),
    (r"exceeded maximum nesting depth", "lồng nhau quá sâu", "nested too deeply"),
    (r"found unexpected ':'", "dấu ':' không đúng chỗ", "a ':' out of place"),
    (r"found undefined alias.*", "alias (*) chưa được định nghĩa", "an alias (*) that is not defined"),
    (r"found unexpected document separator", "có dấu phân cách tài liệu (---) giữa chuỗi",
     "a document separator (---) inside a text"),
    (r"did not find expected <document start>|expected '<document start>', but found .*",
     "nội dung thừa sau phần đã đọc", "something is left over after what was read"),
    (r"found duplicate anchor.*", "anchor (&) bị trùng", "a duplicate anchor (&)"),
    (r"expected a comment or a line break, but found .*", "thừa ký tự sau giá trị (chú thích cần dấu '#')",
     "characters after the value (a comment needs '#')"),
]  # fmt: skip
_COMPILED = [(re.compile(f"^(?:{p})$"), vi, en) for p, vi, en in _PROBLEMS]


def explain(exc: yaml.MarkedYAMLError) -> Said:
    """What is wrong, in both languages; the line it begins on when that is elsewhere."""
    problem = (exc.problem or "").strip()
    for pattern, vi, en in _COMPILED:
        if pattern.match(problem):
            what = said(pattern.sub(vi, problem).strip(), pattern.sub(en, problem).strip())
            break
    else:
        what = said(f"lỗi cú pháp YAML: {problem}", f"YAML syntax error: {problem}")
    context = _CONTEXTS.get((exc.context or "").strip())
    start, end = exc.context_mark, exc.problem_mark
    if context and start is not None and (end is None or start.line != end.line):
        where = said(
            f" ({context[0]} bắt đầu ở dòng {start.line + 1})", f" ({context[1]} begun on line {start.line + 1})"
        )
        return what + where
    if context:
        return what + said(f" (trong {context[0]})", f" (in {context[1]})")
    return what
