"""A Word document as Vietnamese offices send them (Decree 30/2020/NĐ-CP), built
with python-docx: A4, Times New Roman 13, the issuing body beside the national
motto, "Số: …" under the issuing body (and "V/v …" for a letter), the place and
date in italics, headings that stay with what follows them, "Nơi nhận" and the
signature block with room to sign, kept on the page of the text's end (never a
page that holds only the signature); pages numbered from the second, at the top
centre (a PAGE field in the header, none on the first page). The document says it
is in Vietnamese (so Word does not underline every word) and who wrote it.

Used by the report and the reminder letter (formats/docx.py).
"""

import io
import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import Any

from tracker.formats.templates import long_date
from tracker.wording import Labels

FONT = "Times New Roman"
# Widths, in mm, of the two halves of the head block: on an A4 page with the margins
# Decree 30 gives (30 mm left, 15 mm right) the block starts 10 mm into the left margin,
# as offices set it, so that both the body above and the motto (12 pt bold) fit on one line.
HEAD_WIDTHS = (80, 95)
HEAD_INDENT = -10
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


class Page:
    """One document being written."""

    def __init__(self, labels: Labels, author: str, title: str) -> None:
        from docx import Document
        from docx.oxml.ns import qn
        from docx.shared import Mm, Pt, RGBColor

        self.L = labels
        self.doc = Document()
        self._after_table = False  # the next paragraph leaves a little room above it
        self._rows: list[Iterable[Sequence[Any]]] = []  # each table's rows, written by `bytes`
        self._tables: list[Any] = []  # each table's element, beside its rows
        self._kept: set[int] = set()  # the tables whose last row keeps with what follows
        language = "vi-VN" if labels.lang == "vi" else "en-GB"
        for name in ("Normal", "Heading 1", "Heading 2", "Heading 3", "Title", "List Bullet"):
            style = self.doc.styles[name]
            style.font.name = FONT
            style.font.color.rgb = RGBColor(0, 0, 0)
            rpr = style.element.get_or_add_rPr()
            fonts = rpr.find(qn("w:rFonts"))
            if fonts is None:
                fonts = rpr.makeelement(qn("w:rFonts"), {})
                rpr.append(fonts)
            for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):  # so Word never swaps the font
                fonts.set(qn(attr), FONT)
            for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
                fonts.attrib.pop(qn(theme), None)
            lang = rpr.find(qn("w:lang"))
            if lang is None:
                lang = rpr.makeelement(qn("w:lang"), {})
                rpr.append(lang)
            lang.set(qn("w:val"), language)
        self.doc.styles["Normal"].font.size = Pt(13)
        for name, size in (("Heading 1", 13), ("Heading 2", 13), ("Heading 3", 13)):
            style = self.doc.styles[name]
            style.font.size = Pt(size)
            style.font.bold = True
            style.font.italic = name == "Heading 2"
            style.paragraph_format.keep_with_next = True  # never alone at a page's foot
            style.paragraph_format.space_before = Pt(6)
            style.paragraph_format.space_after = Pt(3)
        props = self.doc.core_properties
        props.author, props.last_modified_by, props.title, props.language = author, author, title, language
        section = self.doc.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(20), Mm(20)
        section.left_margin, section.right_margin = Mm(30), Mm(15)
        self._page_numbers(section)

    def _page_numbers(self, section: Any) -> None:
        """Decree 30/2020: the page number at the top centre from the second page (a
        first page of its own, with an empty header), in the text's font."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.oxml.ns import qn
        from docx.shared import Pt

        section.different_first_page_header_footer = True
        section.first_page_header.is_linked_to_previous = False  # its own, empty
        p = section.header.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        # A field: begin, its instruction, separate, the number shown until it is updated, end.
        for part in ("begin", " PAGE ", "separate", "2", "end"):
            run = p.add_run("2" if part == "2" else "")
            run.font.size = Pt(13)
            if part == " PAGE ":
                instr = run._r.makeelement(qn("w:instrText"), {_XML_SPACE: "preserve"})
                instr.text = part
                run._r.append(instr)
            elif part != "2":
                run._r.append(run._r.makeelement(qn("w:fldChar"), {qn("w:fldCharType"): part}))

    # ------------------------------------------------------------ text

    def para(self, text: str = "", bold: bool = False, italic: bool = False, center: bool = False,
             right: bool = False, size: float | None = None, keep: bool = False) -> Any:  # fmt: skip
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        p = self.doc.add_paragraph()
        if self._after_table:
            p.paragraph_format.space_before = Pt(8)
            self._after_table = False
        if center or right:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER if center else WD_ALIGN_PARAGRAPH.RIGHT
        if keep:
            p.paragraph_format.keep_with_next = True
        if text:
            run = p.add_run(text)
            run.bold, run.italic = bold, italic
            if size:
                run.font.size = Pt(size)
        return p

    def heading(self, text: str, level: int = 1) -> Any:
        """A real heading (Word's navigation and keep-with-next), in the document's font."""
        if self._after_table:
            # Right after a table, LibreOffice keeps a heading with what follows only when
            # the table's last row keeps with the heading (else the heading may end a page).
            self._kept.add(len(self._tables) - 1)
        self._after_table = False
        return self.doc.add_heading(text, level=level)

    def _cell_lines(self, cell: Any, lines: list[tuple[str, bool, bool, bool]], size: float = 12,
                    center: bool = True) -> None:  # fmt: skip
        """Lines of a cell: (text, bold, underlined, italic) each."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        cell.paragraphs[0].text = ""
        for number, (text, bold, underline, italic) in enumerate(lines):
            p = cell.paragraphs[0] if number == 0 else cell.add_paragraph()
            if center:
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = p.add_run(text)
            run.bold, run.underline, run.italic = bold, underline, italic
            run.font.size = Pt(size)  # the heading block is set a size smaller, as offices do

    # ------------------------------------------------------------ the form

    def head(self, number: str, day: date, subject: str | None = None) -> None:
        """The issuing body with "Số:" (and "V/v …") under it, the motto and the place
        and date beside them."""
        from docx.shared import Mm

        L = self.L
        block = self.doc.add_table(rows=1, cols=2)
        block.autofit = False
        for column, width in zip(block.columns, HEAD_WIDTHS, strict=True):
            column.width = Mm(width)
            column.cells[0].width = Mm(width)
        _indent(block, HEAD_INDENT)
        # The body above in upright capitals, the issuing body in bold and underlined (Decree 30).
        left = [(L.committee, False, False, False), (L.group, True, True, False), (L.standing, False, False, False),
                (f"{L.number} {number}", False, False, False)]  # fmt: skip
        if subject:
            left.append((f"V/v {subject}", False, False, False))
        self._cell_lines(block.cell(0, 0), left)
        right = [(L.motto_1, True, False, False), (L.motto_2, True, True, False), ("", False, False, False),
                 (f"{L.place}, {long_date(day, L.lang)}", False, False, True)]  # fmt: skip
        self._cell_lines(block.cell(0, 1), right)

    def signature(self, recipients: list[str], signer: str | None) -> None:
        """ "Nơi nhận:" at the bottom left; the authority, the title, room to sign and
        the full name at the bottom right. Kept on one page."""
        from docx.shared import Pt

        L = self.L
        self._keep_end()
        block = self.doc.add_table(rows=1, cols=2)
        block.rows[0]._tr.get_or_add_trPr().append(_element("w:cantSplit"))
        left = block.cell(0, 0)
        left.paragraphs[0].add_run(L.recipients).bold = True
        left.paragraphs[0].runs[0].italic = True
        for line in recipients:
            left.add_paragraph(line).runs[0].font.size = Pt(11)
        blank = ("", False, False, False)
        self._cell_lines(block.cell(0, 1), [(L.signer_for, True, False, False), (L.signer_title, True, False, False),
                                            blank, blank, blank, blank, (signer or L.signer_name, True, False, False)],
                         size=13)  # fmt: skip
        for cell in block.rows[0].cells:  # one block, kept with the text above it (`_keep_end`)
            for p in cell.paragraphs:
                p.paragraph_format.keep_with_next = True

    def _keep_end(self) -> None:
        """The end of the text keeps with the signature that follows: its last
        paragraphs (up to three) and, when a table comes before them, that table's
        last row, so that no page holds only "Nơi nhận" and the signature."""
        from docx.oxml.ns import qn

        body = self.doc.element.body
        for seen, element in enumerate(reversed(body.xpath("./w:p | ./w:tbl"))):
            if element.tag == qn("w:tbl"):
                self._kept.update(n for n, table in enumerate(self._tables) if table is element)
                return
            if seen == 3 or element.xpath(".//w:br[@w:type='page'] | ./w:pPr/w:sectPr"):
                return
            element.get_or_add_pPr().keepNext_val = True

    def landscape(self) -> None:
        from docx.enum.section import WD_ORIENT
        from docx.shared import Mm

        section = self.doc.add_section()
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
        section.left_margin = section.right_margin = Mm(20)
        section.different_first_page_header_footer = False  # numbered, as the pages before it

    def page_break(self) -> None:
        from docx.enum.text import WD_BREAK

        self.para().add_run().add_break(WD_BREAK.PAGE)

    def table(self, headers: list[str], rows: Iterable[Sequence[Any]], widths: list[float] | None = None) -> None:
        """A table with its header row repeated on every page and never split.

        python-docx builds and styles the head and one model row; the rows are written
        as the document is saved (`bytes`), as text made from that row's XML: a
        department's appendix on national data has 14,000 rows, a tree of 1.5 million
        elements in python-docx (600 MB), or 28 s when each cell is added through it."""
        from docx.shared import Mm, Pt

        grid = self.doc.add_table(rows=2, cols=len(headers))
        grid.style = "Table Grid"
        head, model = grid.rows
        trpr = head._tr.get_or_add_trPr()
        trpr.append(_element("w:tblHeader"))  # repeat on every page
        trpr.append(_element("w:cantSplit"))
        model._tr.get_or_add_trPr().append(_element("w:cantSplit"))
        for cell, text in zip(head.cells, headers, strict=True):
            cell.paragraphs[0].add_run(str(text)).bold = True
            cell.paragraphs[0].paragraph_format.keep_with_next = True  # never alone at a page's foot
        table = len(self._rows)
        for column, cell in enumerate(model.cells):
            cell.paragraphs[0].add_run(_mark(table, column))  # where a row's values go
            cell.paragraphs[0].paragraph_format.keep_with_next = True  # the last row's, when kept (`bytes`)
        if widths:  # Word and LibreOffice honour widths only on a fixed grid, set on columns and cells
            grid.autofit = False
            for column, width in zip(grid.columns, widths, strict=True):
                column.width = Mm(width)
        for row in (head, model):
            for number, cell in enumerate(row.cells):
                for p in cell.paragraphs:
                    for run in p.runs:
                        run.font.size = Pt(11)
                if widths:
                    cell.width = Mm(widths[number])
        self._rows.append(rows)
        self._tables.append(grid._tbl)
        self._after_table = True

    def bytes(self) -> bytes:
        """The document, each table's model row replaced by its rows."""
        import zipfile

        out = io.BytesIO()
        self.doc.save(out)
        if not self._rows:
            return out.getvalue()
        done = io.BytesIO()
        with zipfile.ZipFile(out) as source, zipfile.ZipFile(done, "w", zipfile.ZIP_DEFLATED) as target:
            for info in source.infolist():
                if info.filename != "word/document.xml":
                    target.writestr(info, source.read(info))
                    continue
                xml = source.read(info)
                with target.open(info, "w") as body:
                    at = 0
                    for table, rows in enumerate(self._rows):
                        start, end, kept = _model_row(xml, table)
                        plain = [piece.replace(_KEEP, b"") for piece in kept]
                        body.write(xml[at:start])
                        made = (_row_xml(kept if last and table in self._kept else plain, values)
                                for last, values in _marking_last(rows))  # fmt: skip
                        for chunk in _batched(made, 500):
                            body.write(b"".join(chunk))
                        at = end
                    body.write(xml[at:])
        return done.getvalue()


# A cell of a model row holds a mark, text no record can hold (a private-use
# character, then the table's and the column's numbers), replaced by the cell's value.
def _mark(table: int, column: int) -> str:
    return f"\ue000{table}:{column}\ue001"


def _model_row(xml: bytes, table: int) -> tuple[int, int, list[bytes]]:
    """Where table `table`'s model row is in the document's XML, and the row's XML cut
    at each cell's mark (a run's `<w:t>`), for `_row_xml` to fill."""
    first = xml.index(f"<w:t>{_mark(table, 0)}</w:t>".encode())
    start = max(xml.rfind(b"<w:tr>", 0, first), xml.rfind(b"<w:tr ", 0, first))
    end = xml.index(b"</w:tr>", first) + len(b"</w:tr>")
    model, pieces, column = xml[start:end], [], 0
    while (mark := f"<w:t>{_mark(table, column)}</w:t>".encode()) in model:
        head, model = model.split(mark, 1)
        pieces.append(head)
        column += 1
    return start, end, [*pieces, model]


def _row_xml(pieces: list[bytes], values: Sequence[Any]) -> bytes:
    """A row: the model row's XML with each cell's run filled (a row of the wrong
    width is a ValueError, from `zip`)."""
    out = [pieces[0]]
    for value, piece in zip(values, pieces[1:], strict=True):
        out.append(run_text("" if value is None else str(value)))
        out.append(piece)
    return b"".join(out)


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_BREAKS = re.compile("([\\t\\r\\n])")
_BREAK_XML = {"\t": "<w:tab/>", "\r": "<w:br/>", "\n": "<w:br/>"}


def run_text(text: str) -> bytes:
    """What python-docx's `run.text = text` puts in a run, as XML: text in `<w:t>`
    (its outer spaces kept), a tab as `<w:tab/>`, a line break as `<w:br/>`; nothing
    for empty text."""
    if _NOT_XML.search(text):  # lxml refuses it too: never half a document
        raise ValueError(f"All strings must be XML compatible: {text!r}")
    out = []
    for part in _BREAKS.split(text):
        if part in _BREAK_XML:
            out.append(_BREAK_XML[part])
        elif part:
            text_xml = part.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            space = ' xml:space="preserve"' if len(part.strip()) < len(part) else ""
            out.append(f"<w:t{space}>{text_xml}</w:t>")
    return "".join(out).encode()


_KEEP = b"<w:keepNext/>"


def _marking_last(rows: Iterable[Sequence[Any]]) -> Iterator[tuple[bool, Sequence[Any]]]:
    """(is it the last row, the row), reading one row ahead."""
    ahead: Sequence[Any] | None = None
    for row in rows:
        if ahead is not None:
            yield False, ahead
        ahead = row
    if ahead is not None:
        yield True, ahead


def _batched(items: Iterable[bytes], size: int) -> Iterator[list[bytes]]:
    chunk: list[bytes] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _indent(table: Any, mm: float) -> None:
    """Move a table `mm` to the right of the margin (left, when negative)."""
    from docx.oxml.ns import qn

    props = table._tbl.tblPr
    indent = props.find(qn("w:tblInd"))
    if indent is None:
        indent = props.makeelement(qn("w:tblInd"), {})
        props.append(indent)
    indent.set(qn("w:w"), str(round(mm * 56.7)))  # twentieths of a point
    indent.set(qn("w:type"), "dxa")


def _element(tag: str) -> Any:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    mark = OxmlElement(tag)
    mark.set(qn("w:val"), "true")
    return mark
