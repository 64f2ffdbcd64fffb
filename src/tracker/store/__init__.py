"""The only package that opens data files: find the data directory, read files
strictly (every problem located), and the one write path (`save`).

`save` takes the lock, validates what it writes, keeps a file's line ends, BOM and
hand-written comments, and replaces files atomically; several files at once are
all written or none (a journal that the next write completes, journal.py).

Inside the package every import points one way: paths ← files ← locking ← journal
← reading, saving (none of them imports this façade, none imports one above it).
"""

import importlib
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker.store.paths import (
    CATEGORIES,
    COMMUNES,
    DEPARTMENTS,
    ENV_VAR,
    FILES,
    FOLLOWUP,
    JOURNAL,
    LOCK,
    REPORTS,
    SCHEMAS,
    DataDir,
    display,
    find_data_dir,
    header,
    read_attachment,
    read_bytes,
    read_scan,
    schema_ref,
)

# What git must never hold of a data folder (`tracker init` and `setup-git` write
# them in its `.gitignore`): a committed journal is refused, a committed lock too.
IGNORED = (LOCK, JOURNAL, ".*.tmp")

if TYPE_CHECKING:
    from tracker.store.files import atomic_write
    from tracker.store.journal import locked, recover
    from tracker.store.reading import Doc, canonical, decode, parse, plain, read, read_text_file
    from tracker.store.saving import (
        Merged,
        add_lines,
        create,
        refuse_inside,
        save,
        save_all,
        save_merged,
        save_text,
        write_output,
        write_page,
    )

# Reading and writing YAML (PyYAML, the models' validators, the comment-keeping
# writer), and the write path beneath them (the lock, the journal, atomic replaces,
# git), load when first used: a command whose files all come from the cache, and
# whose registries too (cache/registries.py), never needs them.
_READING = ["Doc", "canonical", "decode", "parse", "plain", "read", "read_text_file"]
_SAVING = ["Merged", "add_lines", "create", "refuse_inside", "save", "save_all", "save_merged", "save_text",
           "write_output", "write_page"]  # fmt: skip
_LATER = {**dict.fromkeys(_READING, "reading"), **dict.fromkeys(_SAVING, "saving"), "atomic_write": "files",
          "locked": "journal", "recover": "journal"}  # fmt: skip


def finish_interrupted(root: Path) -> None:
    """For a command that only reads: a write of several files that a crash cut short
    is finished (journal.py) before anything is read, so no one reads half of one."""
    if os.path.lexists(root / JOURNAL):  # looked at first: the journal's module loads only when there is one
        from tracker.store import journal

        journal.finish_interrupted(root)


def __getattr__(name: str) -> Any:
    module = _LATER.get(name)
    if module is None:
        raise AttributeError(f"module 'tracker.store' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"tracker.store.{module}"), name)
    globals()[name] = value
    return value


__all__ = [
    "CATEGORIES",
    "COMMUNES",
    "DEPARTMENTS",
    "ENV_VAR",
    "FILES",
    "FOLLOWUP",
    "IGNORED",
    "JOURNAL",
    "LOCK",
    "REPORTS",
    "SCHEMAS",
    "DataDir",
    "Doc",
    "Merged",
    "add_lines",
    "atomic_write",
    "canonical",
    "create",
    "decode",
    "display",
    "find_data_dir",
    "finish_interrupted",
    "header",
    "locked",
    "parse",
    "plain",
    "read",
    "read_attachment",
    "read_bytes",
    "read_scan",
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
