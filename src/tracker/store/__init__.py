"""The only package that opens data files: find the data directory, read files
strictly (every problem located), and the one write path (`save`).

`save` takes the lock, validates what it writes, keeps a file's line ends, BOM and
hand-written comments, and replaces files atomically; several files at once are
all written or none (a journal that the next write completes).
"""

from tracker.store.locking import LOCK, locked
from tracker.store.paths import (
    CATEGORIES,
    COMMUNES,
    DEPARTMENTS,
    ENV_VAR,
    FOLLOWUP,
    SCHEMAS,
    DataDir,
    display,
    find_data_dir,
    header,
    schema_ref,
)
from tracker.store.reading import MAX_BYTES, Doc, canonical, decode, parse, plain, read, read_bytes, read_text_file
from tracker.store.saving import (
    JOURNAL,
    Merged,
    create,
    recover,
    refuse_inside,
    save,
    save_all,
    save_merged,
    save_text,
    write_output,
    write_page,
)

__all__ = [
    "CATEGORIES",
    "COMMUNES",
    "DEPARTMENTS",
    "ENV_VAR",
    "FOLLOWUP",
    "JOURNAL",
    "LOCK",
    "MAX_BYTES",
    "SCHEMAS",
    "DataDir",
    "Doc",
    "Merged",
    "canonical",
    "create",
    "decode",
    "display",
    "find_data_dir",
    "header",
    "locked",
    "parse",
    "plain",
    "read",
    "read_bytes",
    "read_text_file",
    "recover",
    "refuse_inside",
    "save",
    "save_all",
    "save_merged",
    "save_text",
    "schema_ref",
    "write_output",
    "write_page",
]
