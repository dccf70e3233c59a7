"""The report as an xlsx workbook: safe cells, real dates, pages that print.

Every string is written as a string cell (data type forced, so `=…`, `+…`, `@…` or
`#N/A` never become formulas or errors), with its control characters made visible
(`domain.safe_text.cell_text`); text that looks like a formula also gets Excel's quote
prefix, so editing the cell later keeps it text. Dates are date cells (dd/mm/yyyy).
Every sheet prints landscape on A4, fitted to the page width, its header row repeated
on each page, with the sheet name and "Trang N/M" in the footer.
"""

from __future__ import annotations

import datetime as dt
import io

from cchc_tui.domain.safe_text import cell_text, formula_like
from cchc_tui.services.office.report import PeriodReport, ReportError
from cchc_tui.services.office.report_tables import Table, report_tables

HEADER_ROW = 3
"""Row 1: title; row 2: the as-of date and cut-off; row 3: column headers."""
DATE_FORMAT = "DD/MM/YYYY"
LINE_POINTS = 13.5
"""Height of one line of 11-point text (Excel's default row height)."""
MAX_ROW_POINTS = 409.0
"""The tallest row a spreadsheet allows."""
CHARS_PER_WIDTH = 1.15
"""Characters of Vietnamese text per unit of column width (the width of a digit)."""
BOLD_CHARS_PER_WIDTH = 1.0
PERCENT_FORMAT = "0.00"
TEXT_STYLE, NUMBER_STYLE, DECIMAL_STYLE, DATE_STYLE = "Văn bản", "Số", "Số thập phân", "Ngày"


def _lines(text: str, width: int, per_width: float = CHARS_PER_WIDTH) -> int:
    """How many lines `text` takes wrapped at word boundaries in a column of `width`."""
    room = max(1, int(width * per_width))
    total = 0
    for paragraph in text.split("\n"):
        lines, used = 1, 0
        for word in paragraph.split():
            size = len(word)
            if used and used + 1 + size > room:
                lines, used = lines + 1, 0
            used = used + (1 if used else 0) + size
            while used > room:  # a word longer than the column breaks across lines
                lines, used = lines + 1, used - room
        total += lines
    return total


def _height(values, widths: tuple[int, ...], per_width: float = CHARS_PER_WIDTH) -> float | None:
    """Points for a row whose text wraps (spreadsheet programs do not size such rows on
    opening a file); None keeps the default height."""
    lines = max(
        (
            _lines(v, w, per_width)
            for v, w in zip(values, widths, strict=False)
            if isinstance(v, str)
        ),
        default=1,
    )
    return min(MAX_ROW_POINTS, lines * LINE_POINTS + 2) if lines > 1 else None


def _put(cell, value) -> None:
    """Write one value: strings (already `cell_text`) always as strings, dates as dates."""
    if isinstance(value, str):
        cell.value = value
        cell.data_type = "s"
        cell.style = TEXT_STYLE
        if formula_like(value):
            cell.quotePrefix = True
    elif isinstance(value, dt.date):
        cell.value = value
        cell.style = DATE_STYLE
    elif isinstance(value, float) and not value.is_integer():
        cell.value = value
        cell.style = DECIMAL_STYLE
    else:
        cell.value = int(value) if isinstance(value, float) else value
        cell.style = NUMBER_STYLE


def _styles(book) -> dict:
    """Register the cells' named styles (cheaper per cell than separate style objects)."""
    from openpyxl.styles import Alignment, Font, NamedStyle, PatternFill

    top = Alignment(vertical="top")
    for style in (
        NamedStyle(TEXT_STYLE, alignment=Alignment(wrap_text=True, vertical="top")),
        NamedStyle(NUMBER_STYLE, alignment=top),
        NamedStyle(DECIMAL_STYLE, alignment=top, number_format=PERCENT_FORMAT),
        NamedStyle(DATE_STYLE, alignment=top, number_format=DATE_FORMAT),
    ):
        book.add_named_style(style)
    return {
        "wrap": Alignment(wrap_text=True, vertical="top"),
        "top": Alignment(vertical="top"),
        "header": Alignment(wrap_text=True, vertical="center", horizontal="center"),
        "bold": Font(bold=True),
        "title": Font(bold=True, size=13),
        "caption": Font(italic=True),
        "fill": PatternFill("solid", fgColor="DDEBF7"),
    }


def _sheet(book, table: Table, report: PeriodReport, styles: dict) -> None:
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(table.name)
    last = get_column_letter(len(table.headers))
    for row, text, font in ((1, table.title, "title"), (2, report.caption, "caption")):
        cell = sheet.cell(row, 1, cell_text(text))
        cell.data_type = "s"
        cell.font, cell.alignment = styles[font], styles["wrap"]
        sheet.merge_cells(f"A{row}:{last}{row}")
    sheet.row_dimensions[2].height = _height([report.caption], (sum(table.widths),))
    for column, header in enumerate(table.headers, start=1):
        cell = sheet.cell(HEADER_ROW, column, header)
        cell.data_type = "s"
        cell.font, cell.fill, cell.alignment = styles["bold"], styles["fill"], styles["header"]
    sheet.row_dimensions[HEADER_ROW].height = _height(
        table.headers, table.widths, BOLD_CHARS_PER_WIDTH
    )
    for number, row in enumerate(table.rows, start=HEADER_ROW + 1):
        values = [cell_text(v) if isinstance(v, str) else v for v in row.values]
        for column, (header, value) in enumerate(zip(table.headers, values, strict=True), 1):
            if value is None or value == "":
                continue  # an empty cell is no cell at all (a third of them: faster)
            try:
                _put(sheet.cell(number, column), value)
            except Exception as exc:
                where = ", ".join(
                    part
                    for part in (
                        f"cơ quan {row.agency}" if row.agency else "",
                        f"nhiệm vụ {row.task}" if row.task else "",
                        f"cột “{header}”",
                    )
                    if part
                )
                raise ReportError(f"{where} (trang “{table.name}”): {exc}") from exc
        height = _height(values, table.widths)
        if height is not None:
            sheet.row_dimensions[number].height = height
    for index, width in enumerate(table.widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = f"B{HEADER_ROW + 1}"
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + max(len(table.rows), 1)}"
    _printable(sheet, report)


def _printable(sheet, report: PeriodReport) -> None:
    """Landscape A4, one page wide, header row on each page, page numbers in the footer."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.print_options.gridLines = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    sheet.page_margins.header = sheet.page_margins.footer = 0.3
    title = report.title.replace("&", "&&")
    sheet.oddFooter.left.text = "&A"
    sheet.oddFooter.center.text = "Trang &P/&N"
    sheet.oddFooter.right.text = title
    sheet.oddFooter.left.size = sheet.oddFooter.center.size = sheet.oddFooter.right.size = 9


def workbook_bytes(report: PeriodReport) -> bytes:
    """The report as an .xlsx file: one sheet per table of `report_tables`."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    styles = _styles(book)
    for table in report_tables(report):
        _sheet(book, table, report, styles)
    buffer = io.BytesIO()
    try:
        book.save(buffer)
    except Exception as exc:
        raise ReportError(f"lưu bảng tính không thành công ({exc})") from exc
    return buffer.getvalue()
