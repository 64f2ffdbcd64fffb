"""The canonical text of data files, and minimal rewrites of hand-edited ones.

A commune file is written as a ``commune:`` block, then one block per record
under ``issues:`` and ``action_plan:``. An update re-emits only the records that
changed and splices them into the file as it stands, so a git diff shows those
records alone and every comment someone wrote by hand stays where it was.
"""

import itertools
from typing import Any

import yaml

from tracker import yamlio

SECTIONS = ("issues", "action_plan")


def render_records(items: list[dict[str, Any]]) -> list[str]:
    """Each record's canonical lines, as they stand in a block sequence."""
    return [yamlio.dump([item]).rstrip("\n") for item in items]


def render_commune(data: dict[str, Any]) -> str:
    """The canonical text of a whole commune file: blocks and records apart by a blank
    line, so that git merges edits of neighbouring records without a conflict."""
    blocks = [yamlio.dump({"commune": data["commune"]}).rstrip("\n")]
    for key in SECTIONS:
        items = data.get(key) or []
        blocks.append("\n".join([f"{key}:", *_joined(items)]) if items else f"{key}: []")
    extra = {k: v for k, v in data.items() if k not in ("commune", *SECTIONS)}
    if extra:
        blocks.append(yamlio.dump(extra).rstrip("\n"))
    return "\n\n".join(blocks) + "\n"


def _joined(items: list[dict[str, Any]]) -> list[str]:
    """The lines of `items`, a blank line between two records."""
    return "\n\n".join(render_records(items)).split("\n")


MODELINE = "# yaml-language-server: $schema="


def render(data: dict[str, Any], schema: str | None = None) -> str:
    """Canonical text of any data file: commune files get their record layout; with
    `schema`, a first line that lets editors (VS Code's YAML extension) validate it."""
    body = render_commune(data) if "commune" in data else yamlio.dump(data)
    return f"{MODELINE}{schema}\n{body}" if schema else body


def reformat(original: str, data: dict[str, Any], schema: str | None = None) -> str:
    """The whole file in canonical form, its comments kept (and its modeline, when
    no `schema` is given)."""
    first = original.split("\n", 1)[0]
    if schema is None and first.startswith(MODELINE):
        schema = first[len(MODELINE) :]
    text = render(data)
    if original == (f"{MODELINE}{schema}\n{text}" if schema else text):
        return original  # already canonical: most files, every time `fmt --check` runs
    lines = [line for line in _split(original) if not line.startswith(MODELINE)]
    body = _patch_region(lines, text)
    return _finish([f"{MODELINE}{schema}", *body] if schema else body)


def rewrite(original: str, old: dict[str, Any], new: dict[str, Any]) -> str:
    """`original` with only the records that differ between `old` and `new` rewritten.

    The caller checks that the text reads back as `new` (store.save does): a
    comment in an odd place could change what the file says."""
    try:
        lines = _splice(original, old, new)
    except _Unusual:
        return reformat(original, new)
    return _finish(lines)


class _Unusual(Exception):
    """The file's shape is not the one records can be spliced into."""


def _finish(lines: list[str]) -> str:
    return "\n".join(lines) + "\n"


def _split(text: str) -> list[str]:
    """Lines of `text`, without the empty one after a final newline."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def _patch_region(lines: list[str], new_text: str, keep_tail: bool = False) -> list[str]:
    """`lines` rewritten as `new_text`, comments kept; with `keep_tail`, also the blank
    lines that end the region (they separate it from what follows)."""
    comments = yamlio.comment_columns("\n".join(lines))
    new = _split(new_text)
    if keep_tail:
        tail = len(lines) - len(list(itertools.dropwhile(lambda x: not x.strip(), reversed(lines))))
        new += [""] * tail
    return yamlio.patch(lines, comments, new)


def _splice(original: str, old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    lines = _split(original)
    root = yamlio.compose(original)
    if not isinstance(root, yaml.MappingNode):
        raise _Unusual
    keys = [(k.value, k.start_mark.line, v) for k, v in root.value]
    if set(old) != set(new) or [k for k, _, _ in keys] != list(old):
        raise _Unusual
    edits: list[tuple[int, int, list[str]]] = []  # (start, end, replacement lines)
    for index, (key, key_line, node) in enumerate(keys):
        end = keys[index + 1][1] if index + 1 < len(keys) else len(lines)
        if old[key] == new[key]:
            continue
        if key in SECTIONS:
            edits.extend(_section_edits(lines, key, key_line, end, node, old[key], new[key]))
        else:
            region = lines[key_line:end]
            edits.append((key_line, end, _patch_region(region, yamlio.dump({key: new[key]}), keep_tail=True)))
    for start, end, replacement in sorted(edits, reverse=True):
        lines[start:end] = replacement
    return lines


def _section_edits(
    lines: list[str],
    key: str,
    key_line: int,
    end: int,
    node: yaml.Node,
    old_items: list[dict[str, Any]],
    new_items: list[dict[str, Any]],
) -> list[tuple[int, int, list[str]]]:
    old_ids = [item.get("id") for item in old_items]
    new_ids = [item.get("id") for item in new_items]
    if len(set(old_ids)) != len(old_ids) or len(set(new_ids)) != len(new_ids):
        raise _Unusual
    kept = [i for i in new_ids if i in old_ids]
    if kept != [i for i in old_ids if i in new_ids]:
        raise _Unusual  # records reordered: only a full rewrite says that well
    if not isinstance(node, yaml.SequenceNode) or node.flow_style or not node.value:
        if old_items:
            raise _Unusual
        # `issues: []` (or `issues:`) becomes a block sequence; its comment stays.
        head = _patch_region(lines[key_line : key_line + 1], f"{key}:")
        return [(key_line, key_line + 1, head + _joined(new_items))]
    starts = [item.start_mark.line for item in node.value]
    spans = {old_ids[i]: (starts[i], starts[i + 1] if i + 1 < len(starts) else end) for i in range(len(starts))}
    # A sequence written by hand as `  - id: …` keeps its indentation.
    first = lines[starts[0]]
    indent = len(first) - len(first.lstrip(" "))
    if first[indent : indent + 1] != "-" or any(not lines[i].startswith(" " * indent + "-") for i in starts):
        raise _Unusual
    old_by_id = dict(zip(old_ids, old_items, strict=True))
    edits: list[tuple[int, int, list[str]]] = []
    added: list[dict[str, Any]] = []
    for item in new_items:
        ident = item.get("id")
        if ident not in old_by_id:
            added.append(item)
        elif old_by_id[ident] != item:
            start, stop = spans[ident]
            text = _indented(render_records([item])[0], indent)
            edits.append((start, stop, _patch_region(lines[start:stop], text, keep_tail=True)))
    for ident in set(old_ids) - set(new_ids):
        start, stop = spans[ident]
        edits.append((start, stop, _patch_region(lines[start:stop], "")))
    if added:
        if new_ids[: len(kept)] != kept:
            raise _Unusual  # new records go at the end of the list
        last_start, last_stop = spans[old_ids[-1]]
        after = _last_content_line(lines, last_start, last_stop) + 1
        # Go past the blank line that ends the last record, so that a concurrent edit
        # of that record (which appends its history there) merges without a conflict.
        block = _indented("\n".join(_joined(added)), indent).split("\n")
        if after < last_stop and not lines[after].strip():
            edits.append((after + 1, after + 1, [*block, ""]))
        else:
            edits.append((after, after, ["", *block]))
    return edits


def _indented(text: str, indent: int) -> str:
    if not indent:
        return text
    return "\n".join(" " * indent + line if line else line for line in text.split("\n"))


def _last_content_line(lines: list[str], start: int, stop: int) -> int:
    comments = yamlio.comment_columns("\n".join(lines[start:stop]))
    last = start
    for offset, line in enumerate(lines[start:stop]):
        col = comments.get(offset)
        if (line[:col] if col is not None else line).strip():
            last = start + offset
    return last
