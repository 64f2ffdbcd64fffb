"""What every data file's model is made of: the kinds of text, codes, e-mail addresses,
dates and counts, the two base classes, and a model's stored form (`to_plain`, and
`trusted` to make one again from it). models.py holds the commune files' models,
registry.py the registry files'. No I/O here: the store reads and writes.

Every check runs in pydantic-core, with one small Python step for dates, so that
reading back a hundred thousand records is fast. Text reaches the models already
NFC-normalised: the YAML loader and the command line do that. Dates are real
calendar dates, written `2025-12-31` (quoted or not) or `31/12/2025`; unknown keys
are errors, so a typo such as ``stauts:`` never passes silently; YAML 1.1's `on`,
`no`, `010` are not text, and are reported as such.
"""

import re
from datetime import date
from enum import StrEnum
from types import UnionType
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, Strict, StringConstraints, WithJsonSchema

from tracker.confined import SAFE_NAME
from tracker.dates import EARLIEST, LATEST

# No control characters (tabs and, in multi-line text, line breaks are fine); no
# Unicode noncharacters (Word and Excel files cannot hold U+FFFE); no bidirectional
# embeddings, overrides or isolates (U+202A-202E, U+2066-2069), which make a line read
# differently on screen, in a review, from what it says.
FORBIDDEN = "\ufffe\uffff\u202a-\u202e\u2066-\u2069"
TEXT_PATTERN = r"^[^\x00-\x08\x0b-\x1f\x7f-\x9f" + FORBIDDEN + "]*$"
LINE_PATTERN = r"^[^\x00-\x08\x0a-\x1f\x7f-\x9f" + FORBIDDEN + "]*$"

# What YAML 1.1 (PyYAML, so `tracker validate`) reads as yes/no, though a YAML 1.2
# editor reads it as text: the schema refuses it as text, as validate does.
YAML11_WORDS = [w for word in ("yes", "no", "true", "false", "on", "off") for w in (word, word.title(), word.upper())]
_NOT_YAML11 = {"not": {"enum": YAML11_WORDS}}

# Limits far above real use, so that a pasted document or a runaway script is caught.
Text = Annotated[
    str, StringConstraints(strict=True, max_length=100_000, pattern=TEXT_PATTERN), WithJsonSchema(
        {"type": "string", "maxLength": 100_000, "pattern": TEXT_PATTERN, **_NOT_YAML11})
]  # fmt: skip
Title = Annotated[
    str,
    StringConstraints(strict=True, strip_whitespace=True, min_length=1, max_length=1000, pattern=LINE_PATTERN),
    WithJsonSchema({"type": "string", "minLength": 1, "maxLength": 1000, "pattern": LINE_PATTERN, **_NOT_YAML11}),
]
Code = Annotated[
    str, StringConstraints(strict=True, strip_whitespace=True, min_length=1, max_length=64, pattern=LINE_PATTERN)
]
# The code of a registry entry (department, category): it names files and pages, so
# it holds only ASCII letters, digits, `-` and `_` (confined.SAFE_NAME).
Key = Annotated[
    str, StringConstraints(strict=True, strip_whitespace=True, min_length=1, max_length=64, pattern=SAFE_NAME)
]
_VN_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _day(value: Any) -> Any:
    """A date as people write one in a file: quoted ISO (`'2025-12-31'`, as scripts
    and some editors write it) or `31/12/2025`. Anything else is left for the strict
    date check to refuse."""
    if type(value) is not str:
        return value
    try:
        if _ISO_DATE.fullmatch(value):
            return date.fromisoformat(value)
        found = _VN_DATE.fullmatch(value.strip())
        if found:
            return date(int(found[3]), int(found[2]), int(found[1]))
    except ValueError:
        pass
    return value


Day = Annotated[
    date,
    Strict(),
    BeforeValidator(_day),
    Field(ge=EARLIEST, le=LATEST),  # files are held to the range typed dates are (dates.py)
    WithJsonSchema({"anyOf": [{"type": "string", "format": "date"},
                              {"type": "string", "pattern": r"^\d{1,2}/\d{1,2}/\d{4}$"}]}),
]  # fmt: skip


# defer_build: a model's validator is built when it first validates, not on import: a
# warm command, whose files come from the cache, validates nothing and builds none
# (building them all took 15-20 ms of every command's start-up).
class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True, defer_build=True)


class Coded(BaseModel):
    """An entry of a registry file: a code other files refer to, and its name."""

    # Registries may carry more keys (aliases, notes) than the tool uses.
    model_config = ConfigDict(extra="allow", defer_build=True)

    code: Key
    name: Text


# An e-mail address as a person writes one: name@host.tld (no display name).
Email = Annotated[str, StringConstraints(strict=True, strip_whitespace=True, max_length=254,
                                         pattern=r"^[^@\s<>,;:\"]+@[^@\s<>,;:\"]+\.[^@\s<>,;:\"]+$")]  # fmt: skip


Days = Annotated[int, Strict(), Field(ge=1, le=3650)]
Count = Annotated[int, Strict(), Field(ge=0)]


def to_plain(model: BaseModel) -> dict[str, Any]:
    """The stored form: fields in model order, empty optional fields left out."""
    out: dict[str, Any] = {}
    for name, field in type(model).model_fields.items():
        value = getattr(model, name)
        if value is None or (value == [] and not field.is_required()):
            continue
        if isinstance(value, list):
            value = [to_plain(v) if isinstance(v, BaseModel) else _scalar(v) for v in value]
        elif isinstance(value, BaseModel):
            value = to_plain(value)
        elif isinstance(value, dict):  # a history entry's `was:` may keep a roadmap (milestones)
            value = {k: [to_plain(v) if isinstance(v, BaseModel) else v for v in old] if isinstance(old, list) else old
                     for k, old in value.items()}  # fmt: skip
        else:
            value = _scalar(value)
        out[name] = value
    if model.model_extra:
        out.update(model.model_extra)
    return out


def _scalar(value: Any) -> Any:
    return value.value if isinstance(value, StrEnum) else value


M = TypeVar("M", bound=BaseModel)


def trusted(model: type[M], plain: dict[str, Any]) -> M:
    """The model `to_plain` gave `plain` of, made again without validating: for what
    was validated when it was cached (the registries, cache/registries.py). A test
    keeps it equal to what validation makes."""
    values = {name: _trusted(field.annotation, plain[name]) for name, field in model.model_fields.items()
              if name in plain}  # fmt: skip
    extra = {key: value for key, value in plain.items() if key not in model.model_fields}
    return model.model_construct(**values, **extra)


def _trusted(annotation: Any, value: Any) -> Any:
    if get_origin(annotation) is Annotated:
        return _trusted(get_args(annotation)[0], value)
    if get_origin(annotation) in (Union, UnionType):
        if value is None:
            return None
        (kind,) = [a for a in get_args(annotation) if a is not type(None)]
        return _trusted(kind, value)
    if get_origin(annotation) is list:
        (kind,) = get_args(annotation)
        return [_trusted(kind, v) for v in value]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return trusted(annotation, value)
    if isinstance(annotation, type) and issubclass(annotation, StrEnum):
        return annotation(value)
    if annotation is date and isinstance(value, str):
        return date.fromisoformat(value)
    return value
