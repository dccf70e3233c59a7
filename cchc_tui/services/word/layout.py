"""The page and the fixed parts of an administrative report (Nghị định 30/2020, Phụ lục I).

A4, margins 20/20/30/15 mm, Times New Roman 14 pt justified with a first-line indent,
page numbers centred at the top from page 2; the header block (issuer left, national
title right) and the signature block are borderless two-column tables. Shared by the
agency's and the office's reports. Every text goes through `visible` (safe_text) first.
"""

from __future__ import annotations

from collections.abc import Sequence
from copy import deepcopy

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION_START
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Row
from docx.shared import Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from cchc_tui.domain.safe_text import visible

FONT = "Times New Roman"
BODY_PT = 14
TABLE_PT = 11
TABLE_STYLE = "Chữ trong bảng"
TABLE_STYLE_ID = "CchcTableText"
A4 = (Mm(210), Mm(297))
MARGINS = {"top": Mm(20), "bottom": Mm(20), "left": Mm(30), "right": Mm(15)}
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
CLIENT_WIDTH = Mm(165)


def new_document() -> DocxDocument:
    """An empty A4 portrait document with the decree's margins and body font."""
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    # python-docx sets only w:ascii/w:hAnsi; Vietnamese text may be set in the other slots.
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("w:eastAsia", "w:cs"):
        fonts.set(qn(slot), FONT)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.line_spacing = 1.1
    table_text = doc.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    table_text.style_id = TABLE_STYLE_ID
    table_text.base_style = normal
    table_text.font.size = Pt(TABLE_PT)
    table_text.paragraph_format.space_after = Pt(0)
    table_text.paragraph_format.line_spacing = 1.0
    section = doc.sections[0]
    section.page_width, section.page_height = A4
    for side, value in MARGINS.items():
        setattr(section, f"{side}_margin", value)
    section.header_distance = Mm(10)
    section.different_first_page_header_footer = True
    _page_number(section.header.paragraphs[0])
    return doc


def _page_number(paragraph: Paragraph) -> None:
    """A centred PAGE field (python-docx has no API for fields): 2, 3 … on pages after
    the first (the first page uses its own, empty, header)."""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), ("end", None)):
        if kind is None:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)


def landscape_section(doc: DocxDocument) -> None:
    """Start a new page in landscape A4 (the annexes); page numbers continue."""
    section = doc.add_section(WD_SECTION_START.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = A4[1], A4[0]
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(20), Mm(15)
    section.different_first_page_header_footer = False


def para(
    container: DocxDocument | _Cell,
    text: str = "",
    *,
    bold: bool = False,
    italic: bool = False,
    size: float | None = None,
    align: str = "justify",
    indent: bool = False,
    after: float | None = None,
) -> Paragraph:
    """A paragraph of plain text (agency text made visible first, never interpreted)."""
    p = container.add_paragraph()
    p.alignment = {
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
    }[align]
    if indent:
        p.paragraph_format.first_line_indent = Mm(10)
    if after is not None:
        p.paragraph_format.space_after = Pt(after)
    if text:
        add_text(p, text, bold=bold, italic=italic, size=size)
    return p


def add_text(
    p: Paragraph, text: str, *, bold: bool = False, italic: bool = False, size: float | None = None
) -> None:
    """Append `text` as runs; its line breaks become Word line breaks."""
    for n, line in enumerate(visible(text).split("\n")):
        run = p.add_run()
        if n:
            run.add_break()
        run.add_text(line)
        if bold:
            run.bold = True
        if italic:
            run.italic = True
        if size:
            run.font.size = Pt(size)


def body(doc: DocxDocument, text: str, **kw: object) -> Paragraph:
    """A body paragraph: justified, first-line indent."""
    return para(doc, text, indent=True, **kw)  # type: ignore[arg-type]


def page_break(doc: DocxDocument) -> None:
    """Continue on a new page of the same section."""
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def heading(doc: DocxDocument, text: str, *, level: int = 1) -> Paragraph:
    """A section heading in bold (level 1: "I. …"; level 2: "1. …")."""
    p = para(doc, text, bold=True, indent=True, after=6)
    p.paragraph_format.keep_with_next = True
    p.paragraph_format.space_before = Pt(6 if level == 1 else 3)
    return p


def rule(cell: _Cell, width_mm: float) -> None:
    """A short centred horizontal rule under a line of the header (a paragraph's top
    border, narrowed by indents: python-docx has no API for paragraph borders)."""
    p = cell.add_paragraph()
    p.paragraph_format.space_after = Pt(0)
    side = (cell.width - Mm(width_mm)) // 2 if cell.width else Mm(20)
    p.paragraph_format.left_indent = p.paragraph_format.right_indent = side
    rule_on(p)


def rule_on(p: Paragraph) -> None:
    """A top border on paragraph `p` (its indents set the rule's length)."""
    p_pr = p._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        top.set(qn(key), value)
    borders.append(top)
    p_pr.append(borders)


def two_columns(doc: DocxDocument, left_mm: float, right_mm: float) -> tuple[_Cell, _Cell]:
    """A borderless one-row table of two cells (the default table style has no borders)."""
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    # The row is never split across pages (w:cantSplit: no python-docx API): a signature
    # block stays whole.
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    cells = table.rows[0].cells
    for column, cell, width in zip(table.columns, cells, (left_mm, right_mm), strict=True):
        column.width = cell.width = Mm(width)  # the grid (LibreOffice) and the cell (Word)
        cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    return cells[0], cells[1]


def date_line(place: str, year: int) -> str:
    """ "Tuyên Quang, ngày     tháng     năm 2025": day and month left for the clerk."""
    return f"{place}, ngày     tháng     năm {year}"


def header_block(
    doc: DocxDocument, *, parent: str, issuer: str, number: str, place_date: str
) -> None:
    """Issuer (parent body, issuer's name in bold capitals, rule, number) left; the
    national title with its rule and the place and date in italics right."""
    left, right = two_columns(doc, 65, 100)
    para(left, parent.upper(), size=13, align="center", after=0)
    para(left, issuer.upper(), bold=True, size=13, align="center", after=0)
    rule(left, 25)
    para(left, number, size=13, align="center", after=0)
    para(right, NATION, bold=True, size=12, align="center", after=0)
    para(right, MOTTO, bold=True, size=14, align="center", after=0)
    rule(right, 60)
    para(right, place_date, italic=True, size=14, align="center", after=0)
    para(doc, "", after=0)


def signature_block(
    doc: DocxDocument, *, recipients: Sequence[str], authority: str, title: str, signer: str
) -> None:
    """ "Nơi nhận:" left (12 pt bold italic, 11 pt list); the signer's authority, title,
    room for signature and seal, and name right."""
    para(doc, "", after=0)
    left, right = two_columns(doc, 80, 85)
    para(left, "Nơi nhận:", bold=True, italic=True, size=12, align="left", after=0)
    for name in recipients:
        para(
            left,
            f"- {name};" if name != recipients[-1] else f"- {name}.",
            size=11,
            align="left",
            after=0,
        )
    if authority:
        para(right, authority.upper(), bold=True, size=14, align="center", after=0)
    para(right, title.upper(), bold=True, size=14, align="center", after=0)
    for _ in range(4):
        para(right, "", after=0)
    para(
        right,
        signer or "(ký, ghi rõ họ tên)",
        bold=bool(signer),
        italic=not signer,
        size=14,
        align="center",
        after=0,
    )


def grid_table(doc: DocxDocument, headers: Sequence[str], widths_mm: Sequence[float]) -> Table:
    """A bordered table ("Table Grid") with a bold, repeated header row at `TABLE_PT`."""
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = doc.styles["Table Grid"]
    table.autofit = False
    row = table.rows[0]
    # Repeat the header row on each page (w:tblHeader: no python-docx API).
    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
    for cell, text, width in zip(row.cells, headers, widths_mm, strict=True):
        cell.width = Mm(width)
        cell.paragraphs[0].style = TABLE_STYLE
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        add_text(cell.paragraphs[0], text, bold=True)
    return table


def add_row(
    table: Table,
    values: Sequence[str],
    *,
    bold: bool = False,
    merge: bool = False,
) -> None:
    """A table row of plain-text cells in the table style; `merge` spans one text over
    the whole row (a group's title, in bold)."""
    if merge or bold:
        row = table.add_row()
        # `row.cells` rebuilds every cell of the table: the row's own w:tc are wrapped.
        cells = [_Cell(tc, table) for tc in row._tr.tc_lst]
        if merge:
            cells, values = [cells[0].merge(cells[-1])], values[:1]
        for cell, text in zip(cells, values, strict=True):
            cell.paragraphs[0]._p.style = TABLE_STYLE_ID
            add_text(cell.paragraphs[0], text, bold=True)
        return
    # Plain rows (thousands in the office's annex) are copies of one empty row made by
    # python-docx (widths, style), filled with w:r/w:t/w:br: python-docx's per-element
    # calls made a 2,300-row annex take ten seconds.
    tr = deepcopy(_empty_row(table))
    table._tbl.append(tr)
    for tc, text in zip(tr.tc_lst, values, strict=True):
        p = tc.p_lst[0]
        for n, line in enumerate(visible(text).split("\n")):
            run = deepcopy(_RUN)
            if n:
                run.insert(0, OxmlElement("w:br"))
            run[-1].text = line
            p.append(run)


_RUN = OxmlElement("w:r")
_RUN.append(OxmlElement("w:t"))
_RUN[0].set(qn("xml:space"), "preserve")


def _empty_row(table: Table) -> CT_Row:
    """The table's empty data row (cell widths from the grid, table text style), made once."""
    template = getattr(table, "_cchc_empty_row", None)
    if template is None:
        row = table.add_row()
        for tc in row._tr.tc_lst:
            tc.p_lst[0].style = TABLE_STYLE_ID
        template = row._tr
        table._tbl.remove(template)
        table._cchc_empty_row = template  # type: ignore[attr-defined]
    return template
