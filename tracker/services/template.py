"""The workbook the units fill in: one row per target, an empty cell for the figure, with
Excel data validation, and instructions in Vietnamese. `tracker import` reads it back."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker.errors import TrackerError
from tracker.services.workbook import column_letter
from tracker.services.xlsx_file import save_workbook

if TYPE_CHECKING:
    from tracker.services.entering import YearLine
    from tracker.store.tables import Resolution

# The template: one row per target, an empty cell for the figure, instructions in Vietnamese.

TEMPLATE_COLUMNS = (
    ("code", "mã", 8),
    ("year", "năm", 8),
    ("title", "chỉ tiêu", 60),
    ("rule", "yêu cầu", 22),
    ("threshold", "ngưỡng", 12),
    ("last_year", "số liệu {previous}", 22),
    ("value", "số liệu {year}", 18),
    ("numerator", "tử số", 12),
    ("denominator", "mẫu số", 12),
    ("provisional", "dự ước", 12),
    ("note", "ghi chú", 30),
    ("source", "nguồn", 20),
)
INSTRUCTIONS = (
    "Hướng dẫn nhập số liệu năm {year}",
    "",
    "1. Trang «Số liệu»: mỗi dòng là một chỉ tiêu của {resolution}.",
    "   Không sửa các cột code, year, title, rule, threshold, last_year; không đổi tên cột,",
    "   không chèn dòng phía trên dòng tiêu đề (dòng 1).",
    "2. Nhập số liệu năm {year} vào cột value (số liệu {year}):",
    "   - chỉ tiêu tỷ lệ (%): một số từ 0 đến 100, không gõ dấu %, ví dụ 90,5;",
    "   - chỉ tiêu đếm (số đảng viên...): số nguyên, ví dụ 1200.",
    "3. Chỉ tiêu tỷ lệ nên nhập bằng số đếm: tử số (numerator) và mẫu số (denominator),",
    "   ví dụ 38 trên 42 cơ quan, đơn vị; khi đó có thể để trống cột value.",
    "4. Số liệu dự ước (chưa chính thức): ghi «có» ở cột provisional (dự ước).",
    "5. Ghi chú và văn bản nguồn (ví dụ 25-BC/ĐUK) ghi ở cột note và source.",
    "6. Chưa có số liệu thì để trống: dòng đó được bỏ qua.",
    "7. Lưu tệp dạng .xlsx và gửi lại Văn phòng Đảng ủy.",
    "",
    "Văn phòng nhập tệp bằng lệnh: tracker import <tên tệp>.xlsx",
)


def write_template(path: Path, resolution: Resolution, year: int, lines: Sequence[YearLine]) -> None:
    """Write the workbook for `year`: sheet «Số liệu» (header in row 1) and «Hướng dẫn»."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    if path.suffix.lower() != ".xlsx":
        raise TrackerError(f"{path.name}: the template is an Excel workbook; name it *.xlsx")
    book = Workbook()
    sheet = book.active
    sheet.title = "Số liệu"
    words = {"year": year, "previous": year - 1}
    sheet.append([f"{name} ({vi.format(**words)})" for name, vi, _ in TEMPLATE_COLUMNS])
    for index, (_, _, width) in enumerate(TEMPLATE_COLUMNS):
        sheet.column_dimensions[column_letter(index)].width = width
        sheet.cell(row=1, column=index + 1).font = Font(bold=True)
    grey = PatternFill("solid", fgColor="EEEEEE")
    for line in lines:
        t = line.target
        sheet.append([t.code, year, t.title, line.rule, t.threshold, line.words(line.previous), None])
        for index in range(6):
            cell = sheet.cell(row=sheet.max_row, column=index + 1)
            cell.fill = grey
            if isinstance(cell.value, str):
                cell.data_type = "s"  # a title starting with "=" stays text, never a formula
    sheet.freeze_panes = "C2"
    _add_validation(sheet, lines)
    notes = book.create_sheet("Hướng dẫn")
    for text in INSTRUCTIONS:
        notes.append([text.format(year=year, resolution=resolution.title)])
    notes.column_dimensions["A"].width = 100
    save_workbook(book, path)


def _add_validation(sheet: Any, lines: Sequence[YearLine]) -> None:
    """Excel checks the cells as they are typed: 0-100 for a share, a whole number for a count."""
    from openpyxl.worksheet.datavalidation import DataValidation

    share = DataValidation(type="decimal", operator="between", formula1="0", formula2="100")
    share.error = "Tỷ lệ là một số từ 0 đến 100 (không gõ dấu %), ví dụ 90,5"
    share.prompt = "Tỷ lệ %: số từ 0 đến 100, hoặc nhập tử số và mẫu số ở hai cột bên phải"
    count = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0")
    count.error = count.prompt = "Số nguyên không âm, ví dụ 1200"
    counts = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0")
    counts.error = counts.prompt = "Số đếm: số nguyên không âm (tử số không lớn hơn mẫu số)"
    flag = DataValidation(type="list", formula1='"có,không"')
    flag.error = flag.prompt = "Ghi «có» nếu là số liệu dự ước"
    for rule in (share, count, counts, flag):
        rule.showErrorMessage = rule.showInputMessage = rule.allow_blank = True
        rule.errorTitle = rule.promptTitle = "Số liệu"
        sheet.add_data_validation(rule)
    for row, line in enumerate(lines, start=2):
        if line.target.measure == "share":
            share.add(f"G{row}")
            counts.add(f"H{row}:I{row}")
        else:
            count.add(f"G{row}")
        flag.add(f"J{row}")
