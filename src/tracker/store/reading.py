"""Reading data files strictly: every problem located by file and line, nothing
read that is not a regular file of a sane size."""

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from tracker import layout, yamlio
from tracker.errors import DataError, Problem
from tracker.fields import to_plain
from tracker.i18n import said
from tracker.models import CommuneFile
from tracker.store.paths import display, read_bytes, schema_ref
from tracker.validation import problems_from_pydantic

M = TypeVar("M", bound=BaseModel)


@dataclass
class Doc(Generic[M]):
    """A data file as read: its bytes (to check nobody changed it since), text (to
    rewrite minimally), parse and model."""

    path: Path
    text: str
    loaded: yamlio.Loaded
    model: M
    crlf: bool = False
    bom: bool = False
    raw: bytes | None = None  # None: the file did not exist


def decode(raw: bytes, shown: str) -> tuple[str, bool, bool]:
    """The text with LF line ends, and whether it had CRLF ends and a BOM."""
    try:
        text = yamlio.decode(raw)
    except yamlio.YamlProblem as exc:
        raise DataError([Problem(shown, exc.line, "", "", exc.message)]) from None
    crlf = "\r\n" in text
    return text.replace("\r\n", "\n"), crlf, raw.startswith(b"\xef\xbb\xbf")


def read(path: Path, model: type[M], raw: bytes | None = None) -> Doc[M]:
    """Read and validate one file (or its bytes, already read); DataError lists every
    problem in it."""
    raw = read_bytes(path) if raw is None else raw
    text, crlf, bom = decode(raw, display(path))
    loaded, instance = parse(text, display(path), model)
    return Doc(path, text, loaded, instance, crlf, bom, raw)


def parse(text: str, shown: str, model: type[M]) -> tuple[yamlio.Loaded, M]:
    """Validate YAML text as `model`; problems name `shown` as the file."""
    duplicates: list[yamlio.YamlProblem] = []  # told with the fields' problems, not alone
    try:
        loaded = yamlio.load(text, duplicates)
    except yamlio.YamlProblem as exc:
        raise DataError([Problem(shown, exc.line, "", "", exc.message)]) from None
    if not isinstance(loaded.data, dict):
        message = said("tệp rỗng hoặc không phải một bảng khóa: giá trị", "empty, or not a mapping of keys")
        raise DataError([Problem(shown, 1, "", "", message)])
    problems = [Problem(shown, d.line, "", "", d.message) for d in duplicates]
    try:
        validated = model.model_validate(loaded.data)
    except ValidationError as exc:
        problems += problems_from_pydantic(exc, loaded, shown, model)
    if problems:
        raise DataError(problems)
    return loaded, validated


def read_text_file(path: Path) -> tuple[str, bool, bool] | None:
    """A text file tracker keeps a line in (`.gitattributes`): its text, CRLF and
    BOM; None when it does not exist. One that is not UTF-8 is an error: it is
    never replaced because it could not be read."""
    if not path.exists():
        return None
    return decode(read_bytes(path), display(path))


def plain(model: BaseModel) -> dict[str, Any]:
    """The stored form of a model; commune files always show both lists."""
    data = to_plain(model)
    if isinstance(model, CommuneFile):
        data = {
            "commune": data["commune"],
            "issues": data.get("issues", []),
            "action_plan": data.get("action_plan", []),
            **data,
        }
    return data


def canonical(model: BaseModel, path: Path) -> str:
    return layout.render(plain(model), schema_ref(path))
