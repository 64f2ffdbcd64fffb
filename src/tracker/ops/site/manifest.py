"""The manifest the site keeps in its folder (`.tracker-site.json`): what the last
build was made of, so that a rebuild renders again only what changed.

The folder is not trusted (anyone with write access to a shared drive, a
half-written file, an older or newer tracker): the manifest is validated when read,
and one that does not validate — a wrong version, a wrong type, a page name that is
absolute or leaves the folder — is no manifest at all: a full build follows. A page
it names is never unlinked or written because it names it (ops/site/folder.py
decides what to remove from what is on disk and what the build makes).

Versioned: a manifest of another `VERSION` is ignored. The JSON has one line an
entry, readable in a diff, and is written by json's C encoder (an indented dump goes
through its Python one, seconds at national size).
"""

import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from itertools import chain
from pathlib import Path
from typing import Any, NamedTuple

NAME = ".tracker-site.json"
VERSION = 3  # 1: the untyped manifest before issue #27 (no "version" key); 2: lists without "inputs"

# A page's name as the site makes it: relative, `/`-separated, no part empty, "." or
# "..", none hidden, no backslash or NUL. (Whether a name from the data stays inside
# the folder is checked again, resolved, before anything is written: folder.py.)
_PART = r"[^/\\\0\n.][^/\\\0\n]*"
PAGE = re.compile(rf"{_PART}(?:/{_PART})*")
PAGES = re.compile(rf"(?:{PAGE.pattern}(?:\n{PAGE.pattern})*)?")  # a list of them, joined by line breaks


class Brief(NamedTuple):
    """What the pages that gather many issues (the overview, the overdue list, the
    departments') show of one: a digest of the fields they show, whether it is
    overdue, and the departments it involves. A note added to its history changes
    none of it."""

    shown: str
    late: bool
    depts: tuple[str, ...]  # sorted


@dataclass(frozen=True, slots=True)
class Head:
    """What every page depends on: when it differs from the last build's, every
    page is made again (and written only where its bytes differ)."""

    version: str  # the tracker's
    as_of: str
    lang: str
    since: str | None
    layout: str  # layout.digest(): the code and the templates
    names: str  # a digest of the departments' and categories' names


@dataclass(slots=True)
class CommuneEntry:
    """One commune file's part of the last build. Its issues' Briefs are kept by field
    (a digest each, the overdue ones, the issues of each department), not as a record
    each: a national manifest holds 100,000 issues, and a rebuild reads them all."""

    sha: str | None  # the file's SHA-256, as the cache keys it
    listed: str  # how the overview lists the commune ("slug\tname"), "" when it has no records
    shown: dict[str, str]  # issue ID → Brief.shown
    late: list[str]  # the IDs of its issues that are overdue
    depts: dict[str, list[str]]  # department → the IDs of its issues that involve it
    addresses: dict[str, str]  # issue ID → a digest of this file's plan items that address it
    pages: list[str]

    @classmethod
    def of(cls, sha: str | None, listed: str, briefs: dict[str, Brief], addresses: dict[str, str],
           pages: list[str]) -> "CommuneEntry":  # fmt: skip
        depts: dict[str, list[str]] = {}
        for ident, b in briefs.items():
            for d in b.depts:
                depts.setdefault(d, []).append(ident)
        return cls(sha, listed, {i: b.shown for i, b in briefs.items()}, [i for i, b in briefs.items() if b.late],
                   depts, addresses, pages)  # fmt: skip

    def briefs(self) -> dict[str, Brief]:
        """Issue ID → its Brief (made only for the communes that changed)."""
        late = set(self.late)
        involves: dict[str, list[str]] = {i: [] for i in self.shown}
        for dept, idents in self.depts.items():
            for ident in idents:
                involves.setdefault(ident, []).append(dept)
        return {i: Brief(self.shown.get(i, ""), i in late, tuple(sorted(d))) for i, d in involves.items()}


@dataclass(slots=True)
class ListEntry:
    """A page that gathers many (":index", ":overdue", ":dept:NNMT", ":changes")."""

    pages: list[str]
    shown: dict[str, str] = field(default_factory=dict)  # page → a digest of what it shows
    # A digest of what the pages show from outside the communes' files (the overview:
    # the register of reports sent, the ages of a delay in followup.yaml), "" for none.
    inputs: str = ""


@dataclass(slots=True)
class Manifest:
    head: Head
    communes: dict[str, CommuneEntry] = field(default_factory=dict)
    lists: dict[str, ListEntry] = field(default_factory=dict)

    def pages(self) -> set[str]:
        return {p for e in self.communes.values() for p in e.pages} | {p for e in self.lists.values() for p in e.pages}


class Invalid(ValueError):
    """A manifest that does not validate (the message says where)."""


def read(folder: Path) -> Manifest | None:
    """The manifest in `folder`, or None when there is none or it does not validate."""
    return read_digested(folder)[0]


def read_digested(folder: Path) -> tuple[Manifest | None, str]:
    """The manifest in `folder` (or None), and a digest of its bytes."""
    try:
        raw = (folder / NAME).read_bytes()
    except OSError:
        return None, ""
    try:
        return parse(json.loads(raw)), digest(raw)
    except ValueError:  # Invalid, and JSON's and UTF-8's errors, are ValueErrors
        return None, ""


def digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def parse(data: Any) -> Manifest:
    """A manifest from its JSON, every field checked: raises `Invalid`."""
    _expect(isinstance(data, dict) and data.get("version") == VERSION, "version")
    head = data.get("head")
    _expect(isinstance(head, dict) and set(head) == set(Head.__dataclass_fields__), "head")
    _expect(all(isinstance(v, str) or (k == "since" and v is None) for k, v in head.items()), "head")
    communes, lists = data.get("communes"), data.get("lists")
    _expect(isinstance(communes, dict) and isinstance(lists, dict), "communes, lists")
    out = Manifest(Head(**head))
    for file, entry in communes.items():
        _expect(isinstance(entry, dict) and set(entry) == set(CommuneEntry.__slots__), file)
        sha, listed, shown, late, depts = entry["sha"], entry["listed"], entry["shown"], entry["late"], entry["depts"]
        _expect((sha is None or isinstance(sha, str)) and isinstance(listed, str), file)
        _expect(_strings(shown) and _strings(entry["addresses"]) and isinstance(late, list) and _strings(late), file)
        _expect(isinstance(depts, dict) and set(map(type, depts.values())) <= {list}, file)
        _expect(_strings(list(chain.from_iterable(depts.values()))), file)
        out.communes[file] = CommuneEntry(sha, listed, shown, late, depts, entry["addresses"],
                                          _pages(file, entry["pages"]))  # fmt: skip
    for key, entry in lists.items():
        _expect(isinstance(key, str) and key.startswith(":") and isinstance(entry, dict), key)
        _expect(set(entry) == {"pages", "shown", "inputs"} and isinstance(entry["shown"], dict), key)
        _expect(isinstance(entry["inputs"], str), key)
        pages = _pages(key, entry["pages"])
        _expect(all(k in pages and isinstance(v, str) for k, v in entry["shown"].items()), key)
        out.lists[key] = ListEntry(pages, entry["shown"], entry["inputs"])
    return out


def text(manifest: Manifest) -> str:
    """The manifest as JSON, one line an entry."""

    def line(key: str, value: Any) -> str:
        return f"  {json.dumps(key, ensure_ascii=False)}: {json.dumps(value, ensure_ascii=False, sort_keys=True)}"

    def block(name: str, entries: dict[str, Any]) -> str:
        # each entry's fields by hand, not dataclasses.asdict: it copies every Brief, 0.5 s at national size
        body = ",\n".join(line(key, {f: getattr(entries[key], f) for f in entries[key].__slots__})
                          for key in sorted(entries))  # fmt: skip
        return f' "{name}": {{\n{body}\n }}' if body else f' "{name}": {{}}'

    head = json.dumps(asdict(manifest.head), ensure_ascii=False)
    return (f'{{\n "version": {VERSION},\n "head": {head},\n{block("communes", manifest.communes)},\n'
            f'{block("lists", manifest.lists)}\n}}\n')  # fmt: skip


def _strings(value: Any) -> bool:
    """Whether a list's items, or a dict's values, are all strings (a dict's keys are,
    in JSON): checked at C speed, as there are 100,000 of them."""
    items = value.values() if isinstance(value, dict) else value
    return isinstance(value, dict | list) and set(map(type, items)) <= {str}


def _pages(where: str, value: Any) -> list[str]:
    _expect(isinstance(value, list) and _strings(value) and "" not in value, f"{where}: pages")
    joined = "\n".join(value)  # one match for the lot; a name holding a line break would pass as two
    _expect(joined.count("\n") == max(len(value) - 1, 0) and bool(PAGES.fullmatch(joined)), f"{where}: pages")
    return list(value)


def _expect(ok: bool, where: str) -> None:
    if not ok:
        raise Invalid(where)
