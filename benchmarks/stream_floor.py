"""The floor of `list --format json` on every record: the same bytes written by a
minimal script straight from the cache's rows (no Typer, no Pydantic, no tracker
import beyond nothing at all), for benchmarks to compare the command with.

    python benchmarks/stream_floor.py CACHE.sqlite AS_OF > out.json

Orders by file then ID (as cheaply as can be: the command orders by commune name
in Vietnamese dictionary order), marks `overdue` as tracker's rule does.
"""

import json
import sqlite3
import sys

ACTIVE = ("open", "in_progress", "escalated")


def main() -> None:
    db = sqlite3.connect(sys.argv[1])
    as_of = sys.argv[2]
    encode = json.JSONEncoder(ensure_ascii=False).encode
    out = sys.stdout
    rows = db.execute("SELECT file, json FROM records WHERE section = 'issues' ORDER BY file, pos")
    first = True
    for file, text in rows:
        data = json.loads(text)
        overdue = data["status"] in ACTIVE and data.get("due") is not None and data["due"] < as_of
        record = {"id": data.pop("id"), "commune": file[:-5], **data, "overdue": overdue}
        out.write(("[\n" if first else ",\n") + encode(record))
        first = False
    out.write("\n]\n" if not first else "[]\n")


if __name__ == "__main__":
    main()
