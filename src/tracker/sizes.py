"""How large a data file may be: checked before a file is read (by the store, which
reads the bytes, and by the YAML loader), so that a pasted document or a runaway
script is refused before it costs time or memory."""

from tracker.i18n import Said, said

# A commune's file is kilobytes (a thousand issues with their histories, 1-2 MB);
# these bound the time and memory of reading and of rewriting one.
MAX_BYTES = 5 * 1024 * 1024
MAX_LINES = 100_000
MAX_NODES = 500_000


def too_large(size: int) -> Said | None:
    """What is wrong with a data file of `size` bytes, if anything."""
    if size <= MAX_BYTES:
        return None
    mb, most = size // 2**20, MAX_BYTES // 2**20
    return said(f"tệp quá lớn ({mb} MB; tối đa {most} MB): có phải tệp dữ liệu không?",
                f"file too large ({mb} MB; at most {most} MB): is it a data file?")  # fmt: skip
