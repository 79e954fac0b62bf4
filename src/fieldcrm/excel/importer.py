"""The import job (导入): read and map → preview → commit, with a progress callback and a cancel flag; no Qt.

    job = ImportJob(store, path, config_dir=paths.config, progress=callback)
    mapping = job.read()                  # the sheet, its header row, a suggested (or saved) mapping
    preview = job.preview(mapping, "update")  # counts, first rows as stored, errors, possible duplicates
    result = job.commit()                 # one transaction; returns the import id

`progress(stage, done, total)` is called from the worker running the step, with stage "read", "validate", "dedupe"
or "write". `job.cancel()` may be called from any thread; the running step raises ImportCancelledError and nothing
is written. Refused files raise ImportRefusedError with one sentence to show the user.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fieldcrm.excel.commit import write_plans
from fieldcrm.excel.errors import ImportCancelledError, ImportLimits, ImportRefusedError
from fieldcrm.excel.headers import check_field, find_header_row, header_signature, suggest_mapping
from fieldcrm.excel.mappings import MappingStore
from fieldcrm.excel.planning import POLICIES, RowPlan, plan_rows
from fieldcrm.excel.readers import SheetData, read_sheet
from fieldcrm.excel.validate import CleanRow, Problem, RowValidator
from fieldcrm.models import ImportBatch
from fieldcrm.models.codec import encode_value
from fieldcrm.services.base import BaseService
from fieldcrm.services.changes import UnitOfWork
from fieldcrm.store import Store

Progress = Callable[[str, int, int], None]
PREVIEW_ROWS = 20
_VALIDATE_CHUNK = 5000  # rows cleaned between progress reports (and chances to cancel)


@dataclass
class MappingProposal:
    """What `read()` found: the sheet, header row (Excel numbering), headers, and the proposed mapping."""

    sheet_names: list[str]
    sheet: str | None
    header_row: int
    headers: list[str]
    mapping: dict[int, str]
    saved: bool  # the mapping came from one saved for these headers
    data_rows: int
    notice: str | None = None


@dataclass
class ImportSummary:
    new: int = 0
    update: int = 0
    duplicate: int = 0
    skipped: int = 0
    error: int = 0
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)  # rows imported all the same, with what to check
    import_id: str | None = None
    preview: list[dict[str, Any]] = field(default_factory=list)
    possible_duplicates: list[dict[str, Any]] = field(default_factory=list)
    notice: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "new": self.new,
            "update": self.update,
            "duplicate": self.duplicate,
            "skipped": self.skipped,
            "error": self.error,
            "errors": [p.to_json() for p in self.errors],
            "warnings": [p.to_json() for p in self.warnings],
            "import_id": self.import_id,
        }


def _store_state(session: Any) -> tuple:
    """Changes to customers and contacts since the preview show up here: every write moves a count or a time."""
    conn = session.connection()
    return tuple(
        conn.exec_driver_sql(f"SELECT count(*), max(updated_at), sum(deleted) FROM {table}").one()
        for table in ("customer", "contact")
    ) + (conn.exec_driver_sql("SELECT max(client_seq) FROM outbox").scalar(),)


class ImportJob(BaseService):
    """One import of one file by one user. Steps must run in order; each may be repeated (e.g. a new mapping)."""

    def __init__(
        self,
        store: Store,
        path: Path | str,
        *,
        user_id: str | None = None,
        config_dir: Path | None = None,
        limits: ImportLimits | None = None,
        progress: Progress | None = None,
        reader: str = "auto",
    ) -> None:
        super().__init__(store, user_id)
        self.path = Path(path)
        self.limits = limits or ImportLimits()
        self.mappings = MappingStore(config_dir) if config_dir else None
        self.reader = reader
        self._progress = progress
        self._cancel = threading.Event()
        self._sheet: SheetData | None = None
        self._proposal: MappingProposal | None = None
        self._clean: list[CleanRow] = []
        self._policy = "skip"
        self._mapping: dict[int, str] = {}
        self.summary: ImportSummary | None = None
        self._planned: tuple[tuple, list[RowPlan]] | None = None

    # -- control ---------------------------------------------------------------------------------------------
    def cancel(self) -> None:
        self._cancel.set()

    def _check(self, stage: str, done: int, total: int) -> None:
        if self._cancel.is_set():
            raise ImportCancelledError()
        if self._progress is not None:
            self._progress(stage, done, total)

    # -- step 1 ----------------------------------------------------------------------------------------------
    def read(self, sheet: str | None = None) -> MappingProposal:
        """Read the sheet, find its header row and propose a mapping (a saved one for these headers, if any)."""
        self._check("read", 0, 0)
        data = read_sheet(self.path, sheet, self.limits, self.reader)
        self._check("read", len(data.rows), len(data.rows))
        header = find_header_row(data.rows)
        if header is None:
            raise ImportRefusedError(
                f"{self.path.name}: no header row found in the first rows of sheet '{data.sheet_name}';"
                " a column headed 客户名称 / 公司名称 / Company is needed"
                + (" (its macros were not run)" if data.notice else "")
            )
        mapping, saved = None, False
        if self.mappings is not None:
            mapping = self.mappings.load(header_signature(header.headers), header.headers)
            saved = mapping is not None
        if mapping is None:
            mapping = suggest_mapping(header.headers)
        self._sheet = data
        self._proposal = MappingProposal(
            data.sheet_names,
            data.sheet_name,
            data.first_row + header.index,
            header.headers,
            mapping,
            saved,
            len(data.rows) - header.index - 1,
            data.notice,
        )
        return self._proposal

    def save_mapping(self, mapping: dict[int, str]) -> None:
        proposal = self._require_read()
        if self.mappings is None:
            raise ValueError("no config folder was given to save mappings in")
        self.mappings.save(header_signature(proposal.headers), proposal.headers, mapping)

    def _require_read(self) -> MappingProposal:
        if self._proposal is None or self._sheet is None:
            raise RuntimeError("call read() first")
        return self._proposal

    # -- step 2 ----------------------------------------------------------------------------------------------
    def preview(self, mapping: dict[int, str] | None = None, on_duplicate: str = "skip") -> ImportSummary:
        """Validate and plan every row without writing anything."""
        proposal = self._require_read()
        if on_duplicate not in POLICIES:
            raise ValueError(f"on-duplicate must be one of {', '.join(POLICIES)}")
        mapping = dict(proposal.mapping if mapping is None else mapping)
        for f in mapping.values():
            check_field(f)
        if len(set(mapping.values())) != len(mapping):
            raise ImportRefusedError(f"{self.path.name}: two columns are mapped to the same field; map each once")
        if "name" not in mapping.values():
            raise ImportRefusedError(
                f"{self.path.name}: no column is mapped to the company name (客户名称); map one with --map 列名=name"
            )
        self._mapping, self._policy = mapping, on_duplicate
        self._clean = self._validate(proposal, mapping)
        with self.store.session() as session:
            actor = self.actor(session)
            plans = self._plan(session, actor)
            self._planned = (_store_state(session), plans)
        self.summary = self._summarise(plans)
        return self.summary

    def _validate(self, proposal: MappingProposal, mapping: dict[int, str]) -> list[CleanRow]:
        assert self._sheet is not None
        validator = RowValidator(proposal.headers, mapping)
        start = proposal.header_row - self._sheet.first_row + 1
        rows = self._sheet.rows
        total = len(rows) - start
        out: list[CleanRow] = []
        for i in range(start, len(rows), _VALIDATE_CHUNK):
            self._check("validate", i - start, total)
            out.extend(validator.clean_rows(self._sheet.first_row + i, rows[i : i + _VALIDATE_CHUNK]))
        return out

    def _plan(self, session: Any, actor: Any) -> list[RowPlan]:
        valid = [r for r in self._clean if not r.problems]
        total = len(valid)
        return plan_rows(session, actor, valid, self._policy, lambda done: self._check("dedupe", done, total))

    def _summarise(self, plans: list[RowPlan]) -> ImportSummary:
        summary = ImportSummary(notice=self._proposal.notice if self._proposal else None)
        for counted in plans:
            setattr(summary, counted.status, getattr(summary, counted.status) + 1)
        bad = [r for r in self._clean if r.problems]
        summary.error = len(bad)
        summary.errors = [p for r in bad for p in r.problems]
        summary.warnings = [p for r in self._clean if not r.problems for p in r.warnings]
        by_row = {p.row.row: p for p in plans}
        for row in self._clean[:PREVIEW_ROWS]:
            plan = by_row.get(row.row)
            summary.preview.append(
                {
                    "row": row.row,
                    "status": plan.status if plan else "error",
                    "reason": plan.reason if plan else "; ".join(f"{p.column}: {p.reason}" for p in row.problems),
                    "customer": {k: encode_value(v) for k, v in row.customer.items() if v not in (None, "")},
                    "contact": {k: encode_value(v) for k, v in (row.contact or {}).items()},
                }
            )
        summary.possible_duplicates = [
            {"row": p.row.row, "name": p.row.customer.get("name"), "matches": [m.name for m in p.possible]}
            for p in plans
            if p.possible
        ]
        return summary

    # -- step 3 ----------------------------------------------------------------------------------------------
    def commit(self) -> ImportSummary:
        """Write the valid rows in one transaction; if the store changed since the preview, plan again inside it
        first, so the counts written are the ones true at commit time."""
        proposal = self._require_read()
        if self.summary is None:
            raise RuntimeError("call preview() first")
        with self.store.transaction() as session:
            actor = self.actor(session)
            state, plans = self._planned or (None, [])
            if state != _store_state(session):
                plans = self._plan(session, actor)  # someone wrote since the preview: plan again
            summary = self._summarise(plans)
            batch = ImportBatch(
                user_id=actor.id,
                file_name=self.path.name[:260],
                sheet=(proposal.sheet or "")[:100] or None,
                on_duplicate=self._policy,
                new_count=summary.new,
                update_count=summary.update,
                duplicate_count=summary.duplicate,
                skipped_count=summary.skipped,
                error_count=summary.error,
            )
            total = summary.new + summary.update
            write_plans(UnitOfWork(session), actor, batch, plans, lambda done: self._check("write", done, total))
            self._check("write", total, total)
            summary.import_id = batch.id
        self.summary = summary
        return summary

    def failed_rows(self) -> tuple[list[str], list[tuple[list[Any], str]]]:
        """Headers and (original cells, why) of every row with problems, for the error workbook."""
        proposal = self._require_read()
        rows = [(r.raw, "; ".join(f"{p.column}: {p.reason}" for p in r.problems)) for r in self._clean if r.problems]
        return proposal.headers, rows
