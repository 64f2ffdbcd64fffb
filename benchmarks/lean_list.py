"""A measurement, not product code: what a warm `tracker list --dept NNMT` would cost
with neither Typer nor Pydantic. Stat every commune file, read the department's rows
from tracker's cache as JSON, print one line each.

    python benchmarks/lean_list.py CACHE.sqlite DATA_DIR

CACHE.sqlite is the file tracker keeps for DATA_DIR in $TRACKER_CACHE_DIR (run any
tracker command on DATA_DIR first). docs/performance.md compares it with tracker.
"""

import json
import os
import sqlite3
import sys

db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
for entry in os.scandir(os.path.join(sys.argv[2], "communes")):
    entry.stat()
lines = []
for file, text in db.execute("SELECT file, brief FROM records WHERE section = 'issues' AND dept = 'NNMT'"):
    r = json.loads(text)
    support = ", ".join(r.get("support", []))
    status, due = r.get("status", "open"), r.get("due", "")
    lines.append(f"{r['id']:<8} {file:<30} {r['title'][:60]:<60} {support:<12} {status:<12} {due}")
sys.stdout.write("\n".join(sorted(lines)) + "\n")
