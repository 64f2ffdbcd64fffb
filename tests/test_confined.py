"""Names taken from data stay names (issue #28, point 2): codes and commune file
names hold a safe set of characters, checked by `validate` and the JSON Schema, and
every output path made from data is checked to stay inside its folder."""

import json
from pathlib import Path
from types import SimpleNamespace

import jsonschema
import pytest

from tests.conftest import Cli
from tracker import confined
from tracker.errors import FieldError
from tracker.ops import followup

HOSTILE = ["../../../../tmp/x/escaped", 'X"><script>alert(1)</script>', "a/b", "T C", "Sở", ".hidden", "-x", "a.b", ""]


@pytest.mark.parametrize("code", HOSTILE)
def test_a_department_or_category_code_outside_the_safe_set_is_refused(cli: Cli, data: Path, code: str) -> None:
    for registry, key in (("departments.yaml", "departments"), ("categories.yaml", "categories")):
        path = data / registry
        before = path.read_text("utf-8")
        path.write_text(before + f"- code: {json.dumps(code)}\n  name: Thử\n", "utf-8")
        result = cli.result("validate")
        assert result.exit_code == 1 and "Traceback" not in result.output, registry
        assert registry in result.stdout and "code" in result.stdout
        path.write_text(before, "utf-8")
        schema = json.loads(cli("schema", key))
        document = {key: [{"code": code, "name": "Thử"}]}
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(document, schema)


def test_the_codes_real_data_uses_are_safe() -> None:
    for code in ("NNMT", "TC", "KHCN", "VHTTDL", "dat-dai", "quy-hoach-xay-dung", "cntt", "X_1"):
        assert confined.safe_name(code)


@pytest.mark.parametrize("stem", ["vạn an", "van-an_2", "17950", "Vạn An"])
def test_a_commune_file_name_in_vietnamese_is_safe(stem: str) -> None:
    import unicodedata

    assert confined.safe_stem(stem) and confined.safe_stem(unicodedata.normalize("NFD", stem))


@pytest.mark.parametrize("stem", ['x"><svg onload=alert(3)>', "a.b", "..", "-x", " x", "a&b", "a\u202eb", "a/b", ""])
def test_a_commune_file_name_that_could_be_a_path_or_markup_is_not(stem: str) -> None:
    assert not confined.safe_stem(stem)


def test_a_commune_file_with_an_unsafe_name_is_reported_and_never_read(cli: Cli, filled: Path) -> None:
    hostile = filled / "communes" / 'x"><svg onload=alert(3)>.yaml'
    (filled / "communes" / "thien-nhan.yaml").rename(hostile)
    assert "TN-1" not in cli("list")
    result = cli.result("validate")
    assert result.exit_code == 1 and "onload" in result.stdout and "chữ cái, chữ số" in result.stdout


@pytest.mark.parametrize("name", ["../x.html", "/tmp/x.html", "a/../../b.html", "x/../../remind-escape.docx",
                                  "a\\..\\b", ""])  # fmt: skip
def test_an_output_name_that_leaves_its_folder_is_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(FieldError, match="output"):
        confined.inside(tmp_path / "out", name)


def test_an_output_name_through_a_link_out_is_refused(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "dept").symlink_to(tmp_path_factory.mktemp("elsewhere"))
    with pytest.raises(FieldError):
        confined.inside(out, "dept/TC.html")
    assert confined.inside(out, "pages/TC.html") == out / "pages" / "TC.html"


def test_a_reminder_is_never_written_outside_its_folder(tmp_path: Path) -> None:
    digest = SimpleNamespace(ref="x/../../remind-escape")
    with pytest.raises(FieldError):
        followup.written(tmp_path, digest, "docx")  # type: ignore[arg-type]
    assert followup.written(tmp_path, SimpleNamespace(ref="dept-TC"), "docx") == tmp_path / "dept-TC.docx"  # type: ignore[arg-type]
