"""JSON: records with their stored fields, plus `commune` (the slug) and `overdue`;
dates as ISO strings. Long lists one record a line, through json's C encoder."""

import json
from collections.abc import Iterable, Iterator
from datetime import date
from json.encoder import encode_basestring as _quoted  # C: a string quoted and escaped, its letters kept
from typing import Any, assert_never

from tracker.cache import Full, Stored
from tracker.deadlines import stored_extras
from tracker.formats.base import Context, Format, Name
from tracker.memo import Memo
from tracker.results import (
    ChangeLog,
    Cluster,
    Clusters,
    Digest,
    Export,
    Grid,
    Listing,
    Match,
    RecordView,
    Reminders,
    Similar,
)


def record_json(row: Full | Stored, as_of: date) -> dict[str, Any]:
    """Stored fields plus `commune` (slug), `overdue` and the deadline's story
    (`due_original`, `extensions`, `extension_pending`); dates as ISO strings."""
    data = record_fields(row)
    return {"id": data.pop("id"), "commune": row.slug, **data, **stored_extras(data), "overdue": overdue(row, as_of)}


def record_fields(row: Full | Stored) -> dict[str, Any]:
    """A record's own fields, dates as ISO strings, a dict of its own: a cached record
    is what the model dumps already (`Stored`), read with no Pydantic."""
    return dict(row.data) if isinstance(row, Stored) else row.record.model_dump(mode="json", exclude_none=True)


def overdue(row: Full | Stored, as_of: date) -> bool:
    return row.is_overdue(as_of) if isinstance(row, Stored) else row.record.is_overdue(as_of)


def digest_json(digest: Digest) -> dict[str, Any]:
    """One reminder as `remind --format json` lists it."""
    iso = Memo(_iso)  # a few hundred days among thousands of items
    items = [{"id": i.id, "commune": i.slug, "title": i.title, "due": iso[i.due], "reason": i.reason,
              "days_overdue": i.days_overdue, "last_update": iso[i.last_update], "reminders": i.reminders,
              "escalated": i.escalated, "explain_by": iso[i.explain_by]}
             for i in digest.items]  # fmt: skip
    return {"to": digest.to.code, "kind": digest.audience, "name": digest.to.name, "items": items}


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


# `digest_json` as json's encoder writes it (`ensure_ascii` off, its separators), one item
# a template: every reminder of the country is 80,000 items, whose ten keys the encoder
# would write out again each time, from a dict made for it (a third of the encoding
# saved). tests/formats/test_json.py holds the two the same text.
_DIGEST = '{"to": %s, "kind": %s, "name": %s, "items": [%s]}'
_ITEM = ('{"id": %s, "commune": %s, "title": %s, "due": %s, "reason": %s, "days_overdue": %d, "last_update": %s, '
         '"reminders": %d, "escalated": %s, "explain_by": %s}')  # fmt: skip
_BOOL = {True: "true", False: "false"}


def digest_text(digest: Digest) -> str:
    """`digest_json(digest)` as JSON text, with json's own escaping of strings."""
    said = Memo(_quoted)  # a commune, a reason: a few thousand among 80,000 items
    day = Memo(_day_text)
    items = ", ".join([_ITEM % (_quoted(i.id), said[i.slug], _quoted(i.title), day[i.due], said[i.reason],
                                i.days_overdue, day[i.last_update], i.reminders, _BOOL[i.escalated],
                                day[i.explain_by])
                       for i in digest.items])  # fmt: skip
    return _DIGEST % (_quoted(digest.to.code), _quoted(digest.audience), _quoted(digest.to.name), items)


def _day_text(day: date | None) -> str:
    return f'"{day.isoformat()}"' if day else "null"


def match_json(m: Match) -> dict[str, Any]:
    return {"id": m.id, "commune": m.commune.slug, "title": m.title, "dept": m.dept, "status": m.status,
            "score": m.score}  # fmt: skip


def cluster_json(c: Cluster) -> dict[str, Any]:
    return {"title": c.title, "ids": c.ids, "communes": [r.slug for r in c.communes], "depts": c.depts,
            "size": len(c.members), "linked": c.linked, "disputed": c.disputed, "statuses": c.statuses()}  # fmt: skip


def dumps_lines(items: Iterable[Any]) -> str:
    """A JSON array, one item a line: readable, and written by json's fast C encoder
    (which `indent` would turn off) — lists can hold a hundred thousand records."""
    return "".join(lines(items))


def lines(items: Iterable[Any], batch: int = 500) -> Iterator[str]:
    """What `dumps_lines` makes, in pieces of `batch` items as the items come: a
    national list is written as it is read, never held whole."""
    encode = json.JSONEncoder(ensure_ascii=False).encode
    pieces: list[str] = []
    opened = False
    for item in items:
        pieces.append(encode(item))
        if len(pieces) == batch:
            yield ("[\n" if not opened else ",\n") + ",\n".join(pieces)
            opened, pieces = True, []
    if pieces:
        yield ("[\n" if not opened else ",\n") + ",\n".join(pieces)
        opened = True
    yield "\n]\n" if opened else "[]\n"


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


Presented = Listing | RecordView | Grid | ChangeLog | Export | Digest | Reminders | Similar | Clusters


class Json(Format[Presented]):
    name = Name.JSON
    screen_as_made = True

    def present(self, result: Presented, ctx: Context) -> str | bytes:
        match result:
            case Listing() | Export():
                return self.whole(result, ctx)
            case RecordView():
                return dumps(record_json(result.full, result.as_of)) + "\n"
            case Grid():
                return dumps(result.data) + "\n"
            case ChangeLog():
                return dumps({"changes": [c.as_json() for c in result.changes]}) + "\n"
            case Digest():
                return dumps(digest_json(result)) + "\n"
            case Reminders():
                return self.whole(result, ctx)
            case Similar():
                return dumps({"query": result.query, "similar": [match_json(m) for m in result.matches]}) + "\n"
            case Clusters():
                return dumps({"clusters": [cluster_json(c) for c in result.clusters]}) + "\n"
            case _:
                assert_never(result)

    def pieces(self, result: Presented, ctx: Context) -> Iterator[str | bytes]:
        """A listing or an export one record a line, as they are read."""
        match result:
            case Listing():
                yield from _listing(result)
            case Export():
                yield from _export(result)
            case Reminders():
                yield from _reminders(result)
            case _:
                yield from super().pieces(result, ctx)


def _reminders(result: Reminders, batch: int = 200, items: int = 2000) -> Iterator[str]:
    """Every digest, one a line (`digest_text`: every digest of the country is 80,000
    items), in pieces as they are made: `batch`
    digests, or fewer once they hold `items` items (a department's digest of the country
    holds 5,000, and the first 200 digests held 69,000 of the 79,000), so that the 20 MB
    of every reminder of the country are never held whole."""
    head = json.dumps({"as_of": result.as_of.isoformat()}, ensure_ascii=False)[:-1] + ', "digests": '
    if not result.digests:
        yield head + "[]}\n"
        return
    pieces: list[str] = []
    held, opened = 0, False
    for digest in result.digests:
        pieces.append(digest_text(digest))
        held += len(digest.items)
        if len(pieces) == batch or held >= items:
            yield (",\n" if opened else head + "[\n") + ",\n".join(pieces)
            pieces, held, opened = [], 0, True
    if pieces:
        yield (",\n" if opened else head + "[\n") + ",\n".join(pieces)
    yield "\n]}\n"


def _listing(result: Listing) -> Iterator[str]:
    return lines(record_json(r, result.as_of) for r in result.rows)  # type: ignore[arg-type]


def _export(result: Export) -> Iterator[bytes]:
    for piece in lines(record_json(r, result.as_of) for r in result.records):
        yield piece.encode("utf-8")


FORMAT = Json()
