"""A YAML syntax error says what is wrong and where it began, in the user's language."""

import pytest

from tracker.i18n import set_lang
from tracker.yamlio import YamlProblem, load

UNCLOSED = 'commune: a\nissues:\n  - id: VA-1\n    title: "abc\n    due: x\n'
COLON = "commune: a\ntitle: Chậm: cấp đất\n"
BRACKET = "commune: a\nsupport: [TC, NV\ndue: x\n"


@pytest.mark.parametrize(
    ("text", "vi", "en"),
    [
        (UNCLOSED, "chưa được đóng đến hết tệp (chuỗi trong ngoặc kép bắt đầu ở dòng 4)",
         "not closed before the file ends (a quoted text begun on line 4)"),
        (COLON, "dấu ':' không được đặt ở đây (giá trị có dấu ':' cần đặt trong ngoặc kép?)",
         "a ':' is not allowed here (does a value with ':' need quotes?)"),
        (BRACKET, "thiếu dấu ',' hoặc ']' (danh sách trong ngoặc vuông [ ] bắt đầu ở dòng 2)",
         "a ',' or ']' is missing (a list in brackets [ ] begun on line 2)"),
    ],
)  # fmt: skip
def test_yaml_syntax_errors_in_both_languages(text: str, vi: str, en: str) -> None:
    try:
        for lang, expected in (("vi", vi), ("en", en)):
            set_lang(lang)
            with pytest.raises(YamlProblem) as raised:
                load(text)
            assert str(raised.value.message) == expected
    finally:
        set_lang("vi")
