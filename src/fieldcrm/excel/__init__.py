"""Excel and CSV import and export of customer lists (no Qt): `ImportJob`, `export_customers`, `write_template`."""

from fieldcrm.excel.error_book import write_error_workbook
from fieldcrm.excel.errors import ImportCancelledError, ImportLimits, ImportRefusedError
from fieldcrm.excel.exporter import ExportResult, export_customers
from fieldcrm.excel.history import ImportHistory, UndoResult
from fieldcrm.excel.importer import ImportJob, ImportSummary, MappingProposal
from fieldcrm.excel.template import write_template

__all__ = [
    "ImportCancelledError",
    "ImportHistory",
    "ImportJob",
    "ImportLimits",
    "ImportRefusedError",
    "ImportSummary",
    "MappingProposal",
    "UndoResult",
    "ExportResult",
    "export_customers",
    "write_error_workbook",
    "write_template",
]
