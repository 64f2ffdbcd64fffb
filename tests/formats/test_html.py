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
