import unicodedata
from datetime import date

import pytest
import yaml

from tracker import yamlio


def load(text: str) -> object:
    return yamlio.load(text).data


def problem(text: str) -> yamlio.YamlProblem:
    with pytest.raises(yamlio.YamlProblem) as info:
        yamlio.load(text)
    return info.value


def test_duplicate_key_names_both_lines() -> None:
    err = problem("a: 1\nb: 2\na: 3\n")
    assert err.line == 3
    assert "'a'" in str(err.message) and "1" in str(err.message)


def test_aliases_are_refused() -> None:
    err = problem("a: 1\nb: &x [1, 2]\nc: *x\n")
    assert err.line == 2  # the anchor: neither half is allowed
    assert load("a: NN&MT và *đậm* & b\n") == {"a": "NN&MT và *đậm* & b"}


def test_billion_laughs_is_refused_quickly(monkeypatch: pytest.MonkeyPatch) -> None:
    """Refused by the token scan, before any node is composed: nothing is expanded."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 9):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ",".join(f"*{prev}" for _ in range(9)) + "]")

    def composed(text: str) -> None:
        raise AssertionError("the alias bomb reached the composer")

    monkeypatch.setattr(yamlio, "compose", composed)
    err = problem("\n".join(lines) + "\n")
    assert err.line == 1 and "alias" in str(err.message)


def test_impossible_date_is_kept_as_text_for_validation() -> None:
    assert load("due: 2025-02-30\n") == {"due": "2025-02-30"}


def test_dates_read_as_yaml_reads_them() -> None:
    text = "a: 2025-09-22\nb: 2025-9-2\nc: 2024-02-29\nd: '2025-09-22'\ne: 2025-09-22 10:30:00\n"
    assert load(text) == yaml.load(text, Loader=yaml.CSafeLoader)
    assert load(text)["a"] == date(2025, 9, 22) and load(text)["b"] == "2025-9-2"


def test_conflict_markers_are_reported_with_their_line() -> None:
    err = problem("a: 1\n<<<<<<< HEAD\nb: 2\n=======\nb: 3\n>>>>>>> other\n")
    assert err.line == 2
    assert "xung đột" in str(err.message)


def test_tab_indentation_gets_a_hint() -> None:
    err = problem("a:\n\tb: 1\n")
    assert err.line == 2
    assert "tab" in str(err.message)


def test_line_of_a_nested_key() -> None:
    loaded = yamlio.load("issues:\n- id: A-1\n  title: x\n- id: A-2\n  status: open\n")
    assert loaded.line_of(("issues", 1, "status")) == 5
    assert loaded.line_of(("issues", 1, "missing")) == 4


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("a: 1\n".encode("utf-16"), "UTF-16"),
        (unicodedata.normalize("NFD", "name: Vạn An\n").encode("cp1258"), "Windows-1258"),
    ],
)
def test_non_utf8_is_refused_with_a_hint(raw: bytes, fragment: str) -> None:
    with pytest.raises(yamlio.YamlProblem) as info:
        yamlio.decode(raw)
    assert fragment in str(info.value.message)


def test_bom_is_accepted() -> None:
    assert yamlio.decode(b"\xef\xbb\xbfa: 1\n") == "a: 1\n"


def test_dump_is_readable_utf8_and_quotes_yaml11_surprises() -> None:
    text = yamlio.dump({"title": "Vạn An", "a": "on", "b": "010", "c": "2025-01-01", "d": "dòng 1\ndòng 2"})
    assert "\\u" not in text
    assert "title: Vạn An\n" in text
    assert load(text) == {"title": "Vạn An", "a": "on", "b": "010", "c": "2025-01-01", "d": "dòng 1\ndòng 2"}
    assert "d: |-\n  dòng 1\n  dòng 2\n" in text


def test_dump_never_wraps_long_lines() -> None:
    long = "vướng mắc " * 40
    assert yamlio.dump({"t": long.strip()}).count("\n") == 1


def test_comment_columns_ignore_hashes_inside_text() -> None:
    text = "a: 'x # not'  # yes\nb: c#d\n# full\nd: |\n  # inside text\n"
    assert yamlio.comment_columns(text) == {0: 14, 2: 0}


def test_patch_keeps_comments_of_changed_and_unchanged_lines() -> None:
    old = ["a: 1", "# note", "b: 2  # why", "c: 3"]
    comments = {1: 0, 2: 6}
    assert yamlio.patch(old, comments, ["a: 1", "b: 5", "c: 3", "d: 4"]) == [
        "a: 1",
        "# note",
        "b: 5  # why",
        "c: 3",
        "d: 4",
    ]


def test_patch_keeps_a_comment_whose_line_is_removed() -> None:
    old = ["a: 1", "b: 2  # keep me", "c: 3"]
    out = yamlio.patch(old, {1: 6}, ["a: 1", "c: 3"])
    assert "# keep me" in "\n".join(out)
