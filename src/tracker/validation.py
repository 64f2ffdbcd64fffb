"""Everything `tracker validate` checks beyond YAML syntax: Pydantic errors turned
into located problems, references between files, IDs and dates."""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from tracker import ids
from tracker.enums import IssueStatus, PlanStatus
from tracker.errors import Problem
from tracker.fields import LINE_PATTERN, TEXT_PATTERN
from tracker.i18n import Said, meant, said
from tracker.models import CommuneFile, CommuneInfo, Issue, PlanItem
from tracker.registry import Registry

if TYPE_CHECKING:  # what the YAML loader gives: validation never parses YAML itself
    from tracker.yamlio import Loaded

_YAML11 = {True: "on/yes/true", False: "off/no/false"}
_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def describe(error: ErrorDetails, model: type[BaseModel] | None = None) -> Said:
    """A Pydantic error in the user's language, with a hint where one helps."""
    kind, value = error["type"], error.get("input")
    if kind == "extra_forbidden":
        name = str(error["loc"][-1])
        known = list(model.model_fields) if model else []
        close = difflib.get_close_matches(name, known, n=1)
        hint = said(" (", " (") + meant(f"'{close[0]}'") + ")" if close else said("")
        return said(f"trường không hợp lệ{hint.vi}", f"unknown field{hint.en}")
    if kind == "missing":
        return said("thiếu trường bắt buộc", "required field is missing")
    if kind in ("string_type", "str_type") and isinstance(value, bool):
        return said(
            f"YAML đọc giá trị này là đúng/sai ({_YAML11[value]}): hãy đặt văn bản trong dấu nháy",
            f"YAML reads this as a yes/no value ({_YAML11[value]}): put the text in quotes",
        )
    if kind in ("string_type", "str_type") and isinstance(value, int | float):
        written = getattr(value, "source", str(value))
        read = (
            said(f" (YAML đọc {written} là {value})", f" (YAML reads {written} as {value})")
            if written != str(value)
            else said("")
        )
        return said(f"phải là văn bản, không phải số{read.vi}; hãy đặt trong dấu nháy: '{written}'",
                    f"must be text, not a number{read.en}; put it in quotes: '{written}'")  # fmt: skip
    if kind in ("string_type", "str_type"):
        return said("phải là văn bản", "must be text")
    if kind == "enum":
        return not_one_of(value, error.get("ctx", {}).get("expected", ""))
    if kind == "list_type":
        return said("phải là một danh sách", "must be a list")
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return said("phải là một bảng khóa: giá trị", "must be a mapping of keys to values")
    if kind == "string_pattern_mismatch" and error.get("ctx", {}).get("pattern") in (TEXT_PATTERN, LINE_PATTERN):
        bad = next((c for c in str(value) if c < " " or "\x7f" <= c <= "\x9f" or c in _BIDI or c in "\ufffe\uffff"), "")
        if bad == "\n":
            return said("phải nằm trên một dòng", "must be a single line")
        if bad in _BIDI:
            return said(
                f"có ký tự đổi chiều văn bản U+{ord(bad):04X}: nó làm dòng chữ hiện ra khác với nội dung thật",
                f"bidirectional control U+{ord(bad):04X} is not allowed: it makes text show other than it is",
            )
        if bad in "\ufffe\uffff":
            return said(
                f"có ký tự không hợp lệ U+{ord(bad):04X} (Word và Excel không chứa được)",
                f"U+{ord(bad):04X} is not a character (Word and Excel cannot hold it)",
            )
        return said(
            f"có ký tự điều khiển không hợp lệ: {ord(bad):04X}", f"control character U+{ord(bad):04X} is not allowed"
        )
    if kind == "string_pattern_mismatch":
        return said(f"dạng không hợp lệ: {value!r}", f"wrong form: {value!r}")
    if kind in ("date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact"):
        return said(f"ngày không hợp lệ (cần một ngày có thật, dạng YYYY-MM-DD hoặc dd/mm/yyyy): {value!r}",
                    f"not a real date in YYYY-MM-DD or dd/mm/yyyy form: {value!r}")  # fmt: skip
    bound = error.get("ctx", {}).get("ge", error.get("ctx", {}).get("le"))
    if kind in ("greater_than_equal", "less_than_equal") and (isinstance(bound, date) or "date(" in str(bound)):
        from tracker.dates import range_said

        vi, en = range_said()
        shown = value.isoformat() if isinstance(value, date) else repr(value)
        return said(f"{vi}: {shown}", f"{en}: {shown}")
    if kind == "string_too_long":
        limit = error.get("ctx", {}).get("max_length")
        return said(
            f"quá dài ({len(str(value)):,} ký tự; tối đa {limit:,})",
            f"too long ({len(str(value)):,} characters; at most {limit:,})",
        )
    if kind == "string_too_short":
        return said("không được để trống", "must not be empty")
    return said(str(error["msg"]).removeprefix("Value error, "))


def not_one_of(value: Any, allowed: str) -> Said:
    """A value not among the codes `allowed` ("'open', 'in_progress' or …"): the code
    to write if it names one in words, else the codes to choose from."""
    code = _code_of_word(value, allowed)
    if code:
        return said(f"giá trị không hợp lệ {value!r}: tệp ghi mã, viết {code}",
                    f"invalid value {value!r}: files hold the code, write {code}")  # fmt: skip
    return said(
        f"giá trị không hợp lệ {value!r}; chọn một trong: {allowed.replace(' or ', ' hoặc ')}",
        f"invalid value {value!r}; expected one of: {allowed}",
    )


def _codes(enum: type[StrEnum]) -> str:
    """`'open', 'in_progress', … or 'dropped'`, as Pydantic lists an enum's values."""
    quoted = [f"'{m.value}'" for m in enum]
    return ", ".join(quoted[:-1]) + " or " + quoted[-1]


def _history_problems(path: str, section: str, index: int, rec: Issue | PlanItem, loaded: Loaded) -> Iterable[Problem]:
    """The statuses a record's history entries hold, each left by a change (`status`)
    or replaced by one (`was.status`), must be statuses of its kind of record."""
    allowed = IssueStatus if section == "issues" else PlanStatus
    for n, entry in enumerate(rec.history):
        for where, value in ((("status",), entry.status), (("was", "status"), (entry.was or {}).get("status"))):
            if value is not None and value not in {m.value for m in allowed}:
                yield Problem(path, loaded.line_of((section, index, "history", n, *where)), rec.id,
                              ".".join(("history", *where)), not_one_of(value, _codes(allowed)))  # fmt: skip


def _code_of_word(value: Any, allowed: str) -> str | None:
    """The code a status or priority word names ("Đang xử lý", "cao", "In Progress"),
    in either language, if it is one of `allowed` ("'open', 'in_progress' or …")."""
    from tracker.text import fold
    from tracker.wording import codes_by_word

    codes = set(re.findall(r"'([^']*)'", allowed))
    if not isinstance(value, str) or not codes:
        return None
    typed = fold(value)
    if typed.replace(" ", "_") in codes:
        return typed.replace(" ", "_")
    for key in ("status", "plan_status", "priority"):
        code = codes_by_word(key).get(typed)
        if code in codes:
            return code
    return None


def _model_at(root: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model class that holds the last element of `loc`."""
    model: Any = root
    for step in loc[:-1]:
        if isinstance(step, int):
            continue
        is_model = isinstance(model, type) and issubclass(model, BaseModel)
        info = model.model_fields.get(step) if is_model else None
        if info is None:
            return None
        annotation = info.annotation
        args = getattr(annotation, "__args__", ())
        candidates = [a for a in (annotation, *args) if isinstance(a, type) and issubclass(a, BaseModel)]
        model = candidates[0] if candidates else None
    return model if isinstance(model, type) else None


def record_label(data: Any, loc: tuple[Any, ...]) -> str:
    """The record an error belongs to: its ID (or code), `issues[3]` when it has none,
    or the block of the file (`commune`)."""
    if len(loc) >= 2 and isinstance(loc[1], int):
        try:
            item = data[loc[0]][loc[1]]
            ident = item.get("id") or item.get("code")
        except (KeyError, IndexError, TypeError, AttributeError):
            ident = None
        return str(ident) if isinstance(ident, str) else f"{loc[0]}[{loc[1]}]"
    return str(loc[0]) if loc else ""


def problems_from_pydantic(exc: ValidationError, loaded: Loaded, path: str,
                           model: type[BaseModel] | None = None) -> list[Problem]:  # fmt: skip
    """One located problem per Pydantic error, as `path:line: record: field: message`."""
    problems = []
    for error in exc.errors():
        loc = tuple(error["loc"])
        start = 2 if len(loc) > 2 and isinstance(loc[1], int) else 1 if len(loc) > 1 and loc[0] == "commune" else 0
        field_path = ".".join(str(p) for p in loc[start:] if not isinstance(p, int)) or str(loc[-1] if loc else "")
        holder = _model_at(model, loc) if model else None
        problems.append(Problem(path, loaded.line_of(loc), record_label(loaded.data, loc), field_path,
                                describe(error, holder)))  # fmt: skip
    return problems


# ------------------------------------------------------------- cross-file checks


def check_commune(
    cf: CommuneFile, loaded: Loaded, path: str, registry: Registry, check_ids: bool = True
) -> list[Problem]:
    """Problems a valid-typed commune file can still have. `check_ids` also checks
    plan items' references to issues against every ID in `registry`."""
    out: list[Problem] = []
    prefix = cf.commune.prefix
    titled = next(
        (t for t in ("Xã ", "Phường ", "Đặc khu ") if cf.commune.name.casefold().startswith(t.casefold())), None
    )
    if titled:  # names are written without it: "Vạn An", never "Xã Vạn An"
        name = cf.commune.name[len(titled) :]
        out.append(Problem(path, loaded.line_of(("commune", "name")), "commune", "name",
                           said(f"viết tên không có '{titled.strip()}': {name}",
                                f"write the name without '{titled.strip()}': {name}")))  # fmt: skip

    def add(section: str, index: int, key: str, record: str, message: Said) -> None:
        out.append(Problem(path, loaded.line_of((section, index, key)), record, key, message))

    seen: dict[str, int] = {}
    for section, i, rec in cf.records():
        if not ids.matches(rec.id, prefix, section):
            shape = ids.shape(prefix, section)
            add(section, i, "id", rec.id, said(f"mã không đúng dạng {shape}", f"ID is not of the form {shape}"))
        if rec.id in seen:
            message = said(f"mã trùng (đã có ở dòng {seen[rec.id]})", f"duplicate ID (first at line {seen[rec.id]})")
            add(section, i, "id", rec.id, message)
        seen.setdefault(rec.id, loaded.line_of((section, i, "id")))
        for key, problem in _record_problems(rec, registry, check_ids):
            add(section, i, key, rec.id, problem)
        out += _history_problems(path, section, i, rec, loaded)
    return out


def _record_problems(rec: Issue | PlanItem, registry: Registry, check_ids: bool) -> Iterable[tuple[str, Said]]:
    if isinstance(rec, Issue):
        yield from _unknown_codes(rec.dept, rec.support, rec.category, registry)
        if rec.dept in rec.support:
            yield (
                "support",
                said(
                    "cơ quan chủ trì không đồng thời là cơ quan phối hợp",
                    "the lead department cannot also be a supporting one",
                ),
            )
        if rec.raised_on and rec.due and rec.due < rec.raised_on:
            yield "due", said(f"thời hạn {rec.due} trước ngày nêu vướng mắc {rec.raised_on}",
                            f"due {rec.due} is before the date it was raised, {rec.raised_on}")  # fmt: skip
        if rec.raised_on and rec.resolved_on and rec.resolved_on < rec.raised_on:
            yield (
                "resolved_on",
                said("ngày giải quyết trước ngày nêu vướng mắc", "resolved before it was raised"),
            )
        if rec.resolved_on and rec.status != IssueStatus.RESOLVED:
            yield (
                "resolved_on",
                said(
                    "có ngày giải quyết nhưng trạng thái không phải resolved",
                    "has a resolution date but the status is not resolved",
                ),
            )
    else:
        if rec.start and rec.due and rec.due < rec.start:
            yield "due", said("thời hạn trước ngày bắt đầu", "due before the start date")
        if check_ids:
            for ident in rec.issues:
                if ident not in registry.ids:
                    yield "issues", said(f"không có vướng mắc '{ident}'", f"no issue '{ident}'")


def _unknown_codes(dept: Any, support: Any, category: Any, registry: Registry) -> Iterable[tuple[str, Said]]:
    """An issue's departments and obstacle group not in the registries, each with
    the code to write instead."""
    supporting = support if isinstance(support, list) else []
    for key, codes in (("dept", [dept]), ("support", supporting)):
        for code in codes:
            if isinstance(code, str) and code not in registry.departments:
                fix = registry.instead(code, registry.departments)
                yield key, said(f"cơ quan '{code}' không có trong departments.yaml{fix.vi}",
                                f"department '{code}' is not in departments.yaml{fix.en}")  # fmt: skip
    if isinstance(category, str) and category not in registry.categories:
        fix = registry.instead(category, registry.categories)
        yield "category", said(f"nhóm '{category}' không có trong categories.yaml{fix.vi}",
                               f"category '{category}' is not in categories.yaml{fix.en}")  # fmt: skip


def cross_file_problems(headers: list[tuple[str, CommuneInfo, int, int]]) -> list[Problem]:
    """Duplicate commune codes and prefixes across files: (path, header, line of the
    code, line of the prefix) for each file."""
    out: list[Problem] = []
    for attr, at in (("code", 2), ("prefix", 3)):
        owners: dict[str, list[tuple[str, int]]] = defaultdict(list)
        for header in headers:
            owners[getattr(header[1], attr)].append((header[0], header[at]))  # type: ignore[arg-type]
        for value, places in owners.items():
            if len(places) > 1:
                names = ", ".join(p for p, _ in places)
                message = said(
                    f"'{value}' trùng giữa các tệp: {names}", f"'{value}' is used by more than one file: {names}"
                )
                out += [Problem(path, line, "commune", attr, message) for path, line in places]
    return out


def partial_problems(text: str, shown: str, registry: Registry) -> list[Problem]:
    """The problems `check_commune` finds in the records of a file that does not
    validate as a whole (a duplicate key, a wrong field elsewhere): each record that
    validates on its own is checked, so that one run tells every problem. None when
    the header or the YAML itself is what is wrong."""
    from tracker.yamlio import Loaded, YamlProblem, load

    try:
        loaded = load(text, [])
    except YamlProblem:
        return []
    data = loaded.data
    if not isinstance(data, dict):
        return []
    try:
        CommuneInfo.model_validate(data.get("commune"))
    except ValidationError:
        return []
    kept: dict[str, Any] = {"commune": data["commune"]}
    out: list[Problem] = []
    for section, model in (("issues", Issue), ("action_plan", PlanItem)):
        records = data.get(section)
        kept[section] = [r for r in records if _valid(model, r)] if isinstance(records, list) else []
        seen: dict[Any, int] = {}
        for n, rec in enumerate(records if isinstance(records, list) else []):
            ident = rec.get("id") if isinstance(rec, dict) else None
            first = seen.setdefault(ident, loaded.line_of((section, n, "id")))
            if not isinstance(rec, dict) or _valid(model, rec):
                continue
            label = str(ident or f"{section}[{n}]")
            line = loaded.line_of((section, n, "id"))
            if ident and first != line:  # a record left out below repeats an ID
                twice = said(f"mã trùng (đã có ở dòng {first})", f"duplicate ID (first at line {first})")
                out.append(Problem(shown, line, label, "id", twice))
            if section == "issues":  # its codes, still
                out += [Problem(shown, loaded.line_of((section, n, key)), label, key, message)
                        for key, message in _unknown_codes(rec.get("dept"), rec.get("support"), rec.get("category"),
                                                           registry)]  # fmt: skip
    try:
        cf = CommuneFile.model_validate(kept)
    except ValidationError:
        return out
    lines = {**loaded.lines, id(kept): loaded.lines[id(data)]}  # the kept records keep their lines
    return out + check_commune(cf, Loaded(kept, lines), shown, registry, check_ids=False)


def _valid(model: type[BaseModel], record: Any) -> bool:
    try:
        model.model_validate(record)
    except ValidationError:
        return False
    return True
