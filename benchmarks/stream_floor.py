"""The floor of `list --format json` and `export --format csv` on every record: the
same bytes written by a minimal script straight from the cache's rows (no Typer, no
Pydantic, no tracker import at all), for benchmarks to compare the commands with.

    python benchmarks/stream_floor.py CACHE.sqlite AS_OF > out.json
    python benchmarks/stream_floor.py CACHE.sqlite AS_OF --csv > out.csv

Orders by file then ID (as cheaply as can be: the commands order by commune name
in Vietnamese dictionary order), marks `overdue` and tells the deadline's story
(`due_original`, `extension_pending`) as tracker's rules do; the CSV is
the export's (a BOM, CRLF, lists joined by "; ", a formula-like cell guarded by `'`).
"""

import csv
import json
import sqlite3
import sys

ACTIVE = ("open", "in_progress", "escalated")
COLUMNS = ["id", "commune", "title", "description", "category", "dept", "support", "status", "priority",
           "raised_on", "due", "owner", "source", "resolution", "resolved_on"]  # fmt: skip
LIVE = ("=", "+", "-", "@", "\t", "\r")


def guarded(text: str) -> str:
    live = text.startswith(LIVE) or (text.startswith("'") and guarded(text[1:]) != text[1:])
    return "'" + text if live else text


def main() -> None:
    db = sqlite3.connect(sys.argv[1])
    as_of = sys.argv[2]
    rows = db.execute("SELECT file, json FROM records JOIN record_json j ON j.rowid = records.rowid "
                      "WHERE section = 'issues' ORDER BY file, pos")  # fmt: skip
    if sys.argv[3:] == ["--csv"]:
        out = open(sys.stdout.fileno(), "w", encoding="utf-8", newline="", closefd=False)  # noqa: SIM115
        out.write("\ufeff")
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(COLUMNS)
        for file, text in rows:
            data = json.loads(text)
            data["commune"] = file[:-5]
            cells = []
            for column in COLUMNS:
                value = data.get(column)
                if isinstance(value, list):
                    value = "; ".join(value)
                cells.append("" if value is None else guarded(str(value)))
            writer.writerow(cells)
        out.flush()
        return
    encode = json.JSONEncoder(ensure_ascii=False).encode
    out = sys.stdout
    first = True
    for file, text in rows:
        data = json.loads(text)
        overdue = data["status"] in ACTIVE and data.get("due") is not None and data["due"] < as_of
        # the deadline's story, as tracker adds it: the first deadline, the pending request's date
        extensions = data.get("extensions") or []
        original = extensions[0].get("previous") if extensions else data.get("due")
        waiting = next((e["to"] for e in extensions if e.get("status", "pending") == "pending"), None)
        record = {"id": data.pop("id"), "commune": file[:-5], **data, "due_original": original,
                  "extension_pending": waiting, "overdue": overdue}  # fmt: skip
        out.write(("[\n" if first else ",\n") + encode(record))
        first = False
    out.write("\n]\n" if not first else "[]\n")


if __name__ == "__main__":
    main()
