"""Random cell values and broken files: the import previews or refuses in one sentence, never anything else."""

from __future__ import annotations

import io
import tempfile
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
from excel_helpers import store_fingerprint
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fieldcrm.domain.errors import ServiceError
from fieldcrm.excel import ImportJob, write_error_workbook
from fieldcrm.services import Services

_SETTINGS = settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
_HEADERS = ["客户名称", "电话", "客户等级", "阶段", "下次跟进", "统一社会信用代码", "联系人", "手机", "邮箱", "备注"]
_text = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=30)
_cell = st.one_of(
    st.none(),
    _text,
    st.sampled_from(
        ["A类", "ｂ", "潜在客户", "2024年2月30日", "1.38E+10", "=1+1", "-x", "\t", "１３８００００００００"]
    ),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.booleans(),
    st.dates(min_value=date(1900, 3, 1), max_value=date(9999, 1, 1)),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(9999, 1, 1)),
)


def _attempt(services: Services, path: Path) -> None:
    before = store_fingerprint(services.store)
    job = ImportJob(services.store, path)
    try:
        job.read()
        summary = job.preview(on_duplicate="update")
        for problem in summary.errors:
            assert problem.row >= 1 and problem.column and problem.reason
        headers, rows = job.failed_rows()
        errors = write_error_workbook(path.with_name("errors.xlsx"), headers, rows)
        assert openpyxl.load_workbook(errors).active.max_row == len(rows) + 1
    except ServiceError as exc:
        assert "\n" not in str(exc) and str(exc)
    assert store_fingerprint(services.store) == before


@_SETTINGS
@given(rows=st.lists(st.lists(_cell, min_size=0, max_size=len(_HEADERS)), max_size=8), title=st.booleans())
def test_random_cells_never_raise(services: Services, rows: list[list], title: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "random.xlsx"
        book = openpyxl.Workbook()
        ws = book.active
        if title:
            ws.append(["随机标题"])
        ws.append(_HEADERS)
        for row in rows:
            ws.append([str(v) if isinstance(v, str) and v.startswith("=") else v for v in row])
        book.save(path)
        _attempt(services, path)


def _valid_xlsx() -> bytes:
    book = openpyxl.Workbook()
    book.active.append(_HEADERS[:3])
    book.active.append(["甲公司", "13800000000", "A"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


VALID = _valid_xlsx()


@_SETTINGS
@given(
    cut=st.integers(min_value=0, max_value=len(VALID)),
    noise=st.binary(max_size=64),
    suffix=st.sampled_from([".xlsx", ".xls", ".csv", ".xlsm", ""]),
)
def test_truncated_and_corrupted_files_never_raise(services: Services, cut: int, noise: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"broken{suffix}"
        path.write_bytes(VALID[:cut] + noise)
        _attempt(services, path)


@_SETTINGS
@given(
    sheet_xml=st.binary(max_size=200),
    text=st.one_of(
        st.binary(max_size=300),
        st.lists(_text | st.text(max_size=8), max_size=12).map(
            lambda cells: ("客户名称,电话\n" + ",".join(cells)).encode()
        ),
    ),
)
def test_garbage_inside_a_real_zip_and_random_text_never_raise(
    services: Services, sheet_xml: bytes, text: bytes
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "inner.xlsx"
        with zipfile.ZipFile(io.BytesIO(VALID)) as source, zipfile.ZipFile(path, "w") as target:
            for item in source.infolist():
                data = sheet_xml if item.filename == "xl/worksheets/sheet1.xml" else source.read(item)
                target.writestr(item, data)
        _attempt(services, path)
        csv_path = Path(folder) / "random.csv"
        csv_path.write_bytes(text)
        _attempt(services, csv_path)
