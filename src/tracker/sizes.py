"""How large a data file may be: checked before a file is read (by the store, which
reads the bytes, and by the YAML loader), so that a pasted document or a runaway
script is refused before it costs time or memory."""

from tracker.i18n import Said, said

# A commune's file is kilobytes (a thousand issues with their histories, 1-2 MB);
# these bound the time and memory of reading and of rewriting one.
MAX_BYTES = 5 * 1024 * 1024
MAX_LINES = 100_000
MAX_NODES = 500_000


# A scanned reply (`tracker attach`): a few pages at 300 dpi are 1-5 MB; a larger file
# is more likely a video or an archive than a document, and every clone would carry it.
MAX_ATTACHMENT = 20 * 1024 * 1024


def too_large(size: int) -> Said | None:
    """What is wrong with a data file of `size` bytes, if anything."""
    return _over(size, MAX_BYTES, "có phải tệp dữ liệu không?", "is it a data file?")


def attachment_too_large(size: int) -> Said | None:
    """What is wrong with attaching a file of `size` bytes, if anything."""
    return _over(size, MAX_ATTACHMENT, "quét lại ở độ phân giải thấp hơn hoặc tách tệp",
                 "scan it at a lower resolution, or split it")  # fmt: skip


def _over(size: int, limit: int, vi: str, en: str) -> Said | None:
    if size <= limit:
        return None
    mb, most = size // 2**20, limit // 2**20
    return said(f"tệp quá lớn ({mb} MB; tối đa {most} MB): {vi}", f"file too large ({mb} MB; at most {most} MB): {en}")
