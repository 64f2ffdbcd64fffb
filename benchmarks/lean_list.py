"""A measurement, not product code: what a warm `tracker list --dept NNMT` would cost
with neither Typer nor Pydantic. Stat every commune file, read the department's rows
from tracker's cache, print one line each.

    python benchmarks/lean_list.py CACHE.sqlite DATA_DIR

CACHE.sqlite is the file tracker keeps for DATA_DIR in $TRACKER_CACHE_DIR (run any
tracker command on DATA_DIR first). docs/performance.md compares it with tracker.
"""

import os
import sqlite3
import sys

db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
for entry in os.scandir(os.path.join(sys.argv[2], "communes")):
    entry.stat()
lines = []
query = "SELECT file, id, title, support, status, due FROM records WHERE section = 'issues' AND dept = 'NNMT'"
for file, ident, title, support, status, due in db.execute(query):
    support = ", ".join(support.split("\x1f")) if support else ""
    lines.append(f"{ident:<8} {file:<30} {title[:60]:<60} {support:<12} {status:<12} {due or ''}")
sys.stdout.write("\n".join(sorted(lines)) + "\n")
