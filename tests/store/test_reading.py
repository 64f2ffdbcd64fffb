"""store/reading.py: a data file read strictly, every problem located."""

from pathlib import Path

import pytest

from tracker import store
from tracker.errors import DataError
from tracker.models import CommuneFile


def test_a_file_is_read_with_its_line_ends_and_bom_remembered(data: Path) -> None:
    path = data / "communes" / "van-an.yaml"
    text = path.read_text("utf-8")
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    doc = store.read(path, CommuneFile)
    assert (doc.crlf, doc.bom, doc.model.commune.name) == (True, True, "Vạn An")
    assert "\r" not in doc.text


def test_every_problem_of_a_file_is_listed_with_its_line(data: Path) -> None:
    path = data / "communes" / "van-an.yaml"
    path.write_text(path.read_text("utf-8").replace("prefix: VA", "prefix: VA\n  colour: do\n  prefix2: x"), "utf-8")
    with pytest.raises(DataError) as caught:
        store.read(path, CommuneFile)
    assert len(caught.value.problems) == 2 and all(p.line > 0 for p in caught.value.problems)


def test_an_empty_file_is_a_problem_not_an_empty_record(data: Path) -> None:
    path = data / "communes" / "van-an.yaml"
    path.write_text("", "utf-8")
    with pytest.raises(DataError, match=r"rỗng|empty"):
        store.read(path, CommuneFile)
