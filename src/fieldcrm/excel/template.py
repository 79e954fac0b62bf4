"""The blank import template: the import's header row, with drop-down lists for grade, stage and region."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from fieldcrm.excel.fields import CONTACT_FIELDS, CUSTOMER_FIELDS, LABELS
from fieldcrm.models import GRADES, STAGES

#: Regions offered when the store has none of its own yet.
DEFAULT_REGIONS = ("华北", "华东", "华南", "华中", "西南", "西北", "东北")
TEMPLATE_ROWS = 5000


def write_template(path: Path, regions: list[str] | None = None, lang: str = "zh") -> Path:
    names = LABELS.get(lang, LABELS["zh"])
    fields = list(CUSTOMER_FIELDS + CONTACT_FIELDS)
    book = Workbook()
    ws = book.active
    ws.title = "客户" if lang == "zh" else "Customers"
    ws.append([names[f] for f in fields])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    for i, field in enumerate(fields, 1):
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = 30 if field in ("name", "address", "notes") else 16
        if field in ("phone", "contact_mobile", "credit_code"):
            for row in range(2, 202):
                ws.cell(row, i).number_format = "@"  # typed numbers stay text: no 1.38E+10
    # Lists live on a hidden sheet: a list typed into the rule itself is capped at 255 characters.
    lists = book.create_sheet("lists")
    lists.sheet_state = "hidden"
    choices = {"grade": list(GRADES), "stage": list(STAGES), "region": list(regions or DEFAULT_REGIONS)}
    for col, (field, values) in enumerate(choices.items(), 1):
        lists.cell(1, col, names[field])
        for row, value in enumerate(values, 2):
            lists.cell(row, col, value)
        letter = get_column_letter(col)
        rule = DataValidation(
            type="list",
            formula1=f"=lists!${letter}$2:${letter}${len(values) + 1}",
            allow_blank=True,
            showErrorMessage=field != "region",
            errorTitle=names[field],
            error=", ".join(values),
        )
        target = get_column_letter(fields.index(field) + 1)
        rule.add(f"{target}2:{target}{TEMPLATE_ROWS}")
        ws.add_data_validation(rule)
    path = Path(path)
    book.save(path)
    return path
