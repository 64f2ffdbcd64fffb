"""tracker.validation: what `tracker validate` says of a commune file, line by line."""

from pydantic import ValidationError

from tracker.models import CommuneFile, Issue
from tracker.validation import Registry, check_commune, describe, partial_problems
from tracker.yamlio import load

REGISTRY = Registry(
    departments={"NV", "XD", "NNMT"},
    categories={"dat-dai"},
    ids={"VA-1"},
    names={"so xay dung": "XD", "xay dung": "XD"},
)

TEXT = """\
commune:
  code: '17950'
  name: Xã Vạn An
  prefix: VA
issues:
- id: VA-1
  title: Chậm cấp GCNQSD đất
  dept: Sở Xây dựng
  raised_on: 2025-09-20
  due: 2025-09-01
- id: VA-1
  title: Thiếu công chức
  dept: NV
  support: [NV]
action_plan:
- id: VA-KH1
  title: Rà soát
  issues: [VA-1, VA-9]
"""


def _problems(text: str) -> list[str]:
    loaded = load(text, [])
    return [str(p) for p in check_commune(CommuneFile.model_validate(loaded.data), loaded, "van-an.yaml", REGISTRY)]


def test_each_problem_is_located_and_says_what_to_write_instead() -> None:
    assert _problems(TEXT) == [
        "van-an.yaml:3: commune: name: viết tên không có 'Xã': Vạn An",
        "van-an.yaml:8: VA-1: dept: cơ quan 'Sở Xây dựng' không có trong departments.yaml: viết XD",
        "van-an.yaml:10: VA-1: due: thời hạn 2025-09-01 trước ngày nêu vướng mắc 2025-09-20",
        "van-an.yaml:11: VA-1: id: mã trùng (đã có ở dòng 6)",
        "van-an.yaml:14: VA-1: support: cơ quan chủ trì không đồng thời là cơ quan phối hợp",
        "van-an.yaml:18: VA-KH1: issues: không có vướng mắc 'VA-9'",
    ]


def test_an_id_of_another_commune_or_section_is_refused_with_its_shape() -> None:
    text = TEXT.replace("- id: VA-KH1", "- id: VA-3").replace("name: Xã Vạn An", "name: Vạn An")
    assert "van-an.yaml:16: VA-3: id: mã không đúng dạng VA-KH<n>" in _problems(text)


def test_yaml_reading_yes_as_true_is_explained() -> None:
    try:
        Issue.model_validate({"id": "VA-1", "title": True, "dept": "NV"})
    except ValidationError as exc:
        (error,) = exc.errors()
    message = describe(error, Issue)
    assert message.vi.startswith("YAML đọc giá trị này là đúng/sai (on/yes/true)")
    assert "quotes" in message.en


def test_a_file_that_does_not_validate_whole_still_has_its_other_records_checked() -> None:
    text = TEXT.replace("  support: [NV]\n", "  suport: [NV]\n")  # a misspelt field: the file fails as a whole
    found = [str(p) for p in partial_problems(text, "van-an.yaml", REGISTRY)]
    assert "van-an.yaml:8: VA-1: dept: cơ quan 'Sở Xây dựng' không có trong departments.yaml: viết XD" in found
    assert "van-an.yaml:11: VA-1: id: mã trùng (đã có ở dòng 6)" in found
