"""tracker.sizes: a data file or an attachment too large is refused, saying how large."""

from tracker import sizes
from tracker.i18n import set_lang


def test_a_data_file_at_the_limit_passes_one_byte_over_is_refused() -> None:
    assert sizes.too_large(sizes.MAX_BYTES) is None
    message = sizes.too_large(sizes.MAX_BYTES + 1)
    assert message is not None
    assert "tối đa 5 MB" in str(message) and "tệp dữ liệu" in str(message)


def test_an_attachment_says_its_size_and_how_to_make_it_smaller() -> None:
    assert sizes.attachment_too_large(3 * 2**20) is None
    message = sizes.attachment_too_large(45 * 2**20)
    assert message is not None
    set_lang("en")
    assert str(message) == "file too large (45 MB; at most 20 MB): scan it at a lower resolution, or split it"
