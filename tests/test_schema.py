"""tracker.schema: the JSON Schemas an editor validates data files with."""

import json

import jsonschema
import pytest

from tracker.schema import DATA_SCHEMAS, schema, schema_text

ISSUE = {"id": "VA-1", "title": "Thiếu cán bộ", "dept": "NV", "raised_on": "2025-09-20"}


def _commune(**issue: object) -> dict[str, object]:
    return {"commune": {"name": "Vạn An", "prefix": "VA", "code": "17950"}, "issues": [{**ISSUE, **issue}]}


def test_a_folders_schema_rejects_a_department_it_does_not_have() -> None:
    checker = jsonschema.Draft202012Validator(schema("commune", ["NV", "TC"], ["nhan-su"]))
    assert list(checker.iter_errors(_commune())) == []
    assert list(checker.iter_errors(_commune(category="nhan-su", support=["TC"]))) == []
    assert list(checker.iter_errors(_commune(dept="ABC")))
    assert list(checker.iter_errors(_commune(support=["XYZ"])))
    assert list(checker.iter_errors(_commune(category="khong-co")))


def test_without_registries_any_department_passes_but_a_bad_status_does_not() -> None:
    checker = jsonschema.Draft202012Validator(schema("commune"))
    assert list(checker.iter_errors(_commune(dept="ABC"))) == []
    assert list(checker.iter_errors(_commune(status="closed")))


@pytest.mark.parametrize("name", DATA_SCHEMAS)
def test_each_schema_text_is_json_with_a_title_and_keeps_vietnamese(name: str) -> None:
    text = schema_text(name)
    loaded = json.loads(text)
    assert loaded["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert loaded["title"].startswith("tracker: ")
    assert text.endswith("}\n") and "\\u" not in text
