"""tracker.formats.markdown: text that stays text in a Markdown table."""

from markupsafe import Markup

from tracker.formats.markdown import md_row, md_rule, md_text


def test_a_cell_cannot_split_the_table_make_a_heading_or_html() -> None:
    assert md_text("Hạng mục A | B") == "Hạng mục A \\| B"
    assert md_text("# không phải tiêu đề") == "\\# không phải tiêu đề"
    assert md_text("<script>alert(1)</script>") == "\\<script\\>alert(1)\\</script\\>"
    assert md_text("GCNQSD_đất *gấp*") == "GCNQSD\\_đất \\*gấp\\*"


def test_line_breaks_stay_inside_the_cell() -> None:
    assert md_text("Dòng 1 \r\n Dòng 2\n") == "Dòng 1<br>Dòng 2<br>"
    assert md_text("  Thiếu cán bộ  ") == "Thiếu cán bộ"


def test_none_is_empty_numbers_are_text_and_safe_markup_is_kept() -> None:
    assert (md_text(None), md_text(12), md_text(Markup("**VA-1**"))) == ("", "12", "**VA-1**")


def test_rows_and_rules() -> None:
    assert md_row("VA-1", "a|b", None) == "| VA-1 | a\\|b |  |"
    assert md_row("Tổng", 3, "", strong=True) == "| **Tổng** | **3** |  |"
    assert md_rule("lrr") == "|---|--:|--:|"
