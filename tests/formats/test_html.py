"""HTML: escaped, self-contained."""

from tests.formats.conftest import AS_OF, issue_row
from tracker import reporting
from tracker.formats import Context
from tracker.formats.html import FORMAT


def test_titles_are_escaped_and_nothing_is_fetched(vi: Context) -> None:
    model = reporting.build([issue_row(title="<script>x</script> & y")], [], AS_OF, {"NNMT": "Sở NN"}, {})
    out = FORMAT.render(model, vi)
    assert isinstance(out, str)
    assert "<td>&lt;script&gt;x&lt;/script&gt; &amp; y</td>" in out
    assert "<script" not in out and "http" not in out
    assert '<html lang="vi">' in out and "Hoàn thành đúng hạn" in out


def test_the_parent_body_is_upright_and_the_issuing_body_bold_as_in_word(vi: Context) -> None:
    """#32.8: Decree 30's head, as the Word report sets it: "ỦY BAN NHÂN DÂN TỈNH NGHỆ
    AN" upright, "TỔ CÔNG TÁC SỐ 2" bold and underlined; in the report and the letter."""
    from tracker.results import Contact, Digest

    report = FORMAT.render(reporting.build([issue_row()], [], AS_OF, {"NNMT": "Sở NN"}, {}), vi)
    letter = FORMAT.render(Digest("dept", Contact("NNMT", "Sở NN"), [], [], AS_OF, 14, 30, "…/TCT2-ĐĐ"), vi)
    for out in (report, letter):
        assert isinstance(out, str)
        assert "<b>ỦY BAN NHÂN DÂN TỈNH NGHỆ AN</b>" not in out and ">ỦY BAN NHÂN DÂN TỈNH NGHỆ AN</span>" in out
        assert "<b><u>TỔ CÔNG TÁC SỐ 2</u></b>" in out
