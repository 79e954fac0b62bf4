"""Telling what a file really is before parsing it: workbook, legacy .xls, CSV, or something to refuse."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from fieldcrm.excel.errors import ImportLimits, ImportRefusedError

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
_ENCRYPTED_OOXML = "EncryptionInfo".encode("utf-16-le")
_OLE_VBA = "_VBA_PROJECT_CUR".encode("utf-16-le")
_TEXT_SUFFIXES = {".csv", ".txt", ".tsv"}
MACRO_NOTICE = "this workbook contains macros; only its data is read and the macros are never run"


@dataclass(frozen=True)
class FileKind:
    kind: str  # "xlsx" | "xls" | "csv"
    notice: str | None = None  # said to the user alongside the preview (e.g. macros are not run)


def _refuse(path: Path, why: str) -> ImportRefusedError:
    return ImportRefusedError(f"{path.name}: {why}")


def sniff(path: Path, limits: ImportLimits) -> FileKind:
    """What `path` holds, or an ImportRefusedError saying in one sentence why it cannot be imported."""
    if path.is_dir():
        raise _refuse(path, "is a folder; give the workbook inside it (.xlsx, .xls or .csv)")
    if not path.is_file():
        raise _refuse(path, "no such file")
    size = path.stat().st_size
    if size == 0:
        raise _refuse(path, "the file is empty")
    with path.open("rb") as handle:
        head = handle.read(8)
    if head.startswith(_ZIP):
        return _sniff_zip(path, limits)
    if head.startswith(_OLE):
        return _sniff_ole(path, size, limits)
    if size > limits.max_unpacked_bytes:
        raise _refuse(path, f"the file is larger than the import limit of {limits.max_unpacked_bytes // 2**20} MB")
    with path.open("rb") as handle:
        sample = handle.read(4096)
    lowered = sample.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith((b"<html", b"<!doctype", b"<?xml", b"<table", b"mime-version")):
        raise _refuse(
            path, "this is a web page or XML file with a spreadsheet name; open it in Excel or WPS and save as .xlsx"
        )
    if b"\x00" in sample and not sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _refuse(path, "this is not a spreadsheet (it is neither .xlsx, .xls nor a CSV text file)")
    if path.suffix.lower() in _TEXT_SUFFIXES or b"," in sample or b"\t" in sample or b";" in sample:
        return FileKind("csv")
    raise _refuse(path, "this is not a spreadsheet (it is neither .xlsx, .xls nor a CSV text file)")


def _sniff_zip(path: Path, limits: ImportLimits) -> FileKind:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            names = {info.filename.lstrip("/").lower(): info for info in infos}
            unpacked = sum(info.file_size for info in infos)
            if unpacked > limits.max_unpacked_bytes:
                raise _refuse(
                    path,
                    f"it unpacks to {unpacked // 2**20} MB, over the import limit of"
                    f" {limits.max_unpacked_bytes // 2**20} MB",
                )
            if "xl/workbook.xml" not in names and not any(n.endswith("workbook.xml") for n in names):
                if "word/document.xml" in names or "ppt/presentation.xml" in names:
                    raise _refuse(path, "this is a Word or PowerPoint file, not a spreadsheet")
                raise _refuse(path, "this is a zip archive without an Excel workbook in it")
            macros = any(n.endswith("vbaproject.bin") for n in names) or path.suffix.lower() in (".xlsm", ".xltm")
    except zipfile.BadZipFile:
        raise _refuse(path, "the workbook is damaged (its zip structure cannot be read)") from None
    except (OSError, ValueError, NotImplementedError, EOFError) as exc:
        raise _refuse(path, f"the workbook is damaged ({exc})") from None
    return FileKind("xlsx", MACRO_NOTICE if macros else None)


def _sniff_ole(path: Path, size: int, limits: ImportLimits) -> FileKind:
    if size > limits.max_unpacked_bytes:
        raise _refuse(path, f"the file is larger than the import limit of {limits.max_unpacked_bytes // 2**20} MB")
    data = path.read_bytes()
    if _ENCRYPTED_OOXML in data:
        raise _refuse(path, "the workbook is encrypted with a password; save an unprotected copy and import that")
    return FileKind("xls", MACRO_NOTICE if _OLE_VBA in data else None)
