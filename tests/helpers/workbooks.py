"""Workbooks for the tests of the file readers: plain ones, an .xlsm, a unit's workbook with its
unit in a defined cell and a document property, the damaged workbooks found in the field, and a
small file that would inflate to gigabytes."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.packaging.custom import StringProperty
from openpyxl.workbook.defined_name import DefinedName

MARK = "TRACKER_UNIT"
SHEET_PART = "xl/worksheets/sheet1.xml"


def workbook_bytes(rows: list[list[Any]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def write_xlsx(path: Path, rows: list[list[Any]]) -> Path:
    path.write_bytes(workbook_bytes(rows))
    return path


def write_xlsm(path: Path, rows: list[list[Any]]) -> Path:
    """A macro-enabled workbook as Excel saves one: its workbook part of the .xlsm content type."""
    parts = _parts(workbook_bytes(rows))
    types = parts["[Content_Types].xml"].decode()
    parts["[Content_Types].xml"] = types.replace(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    ).encode()
    assert parts["[Content_Types].xml"].decode() != types
    path.write_bytes(_zipped(parts))
    return path


def unit_workbook(
    path: Path, rows: list[list[Any]], cell: Any, told: str | None, defined: bool = True
) -> Path:
    """A unit's workbook as `tracker template --units` marks one: the defined name TRACKER_UNIT
    pointing to the code cell of its sheet "Unit" (holding `cell`), and the document property
    TRACKER_UNIT (`told`; None: no property; `defined` False: no defined name)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    about = book.create_sheet("Unit")
    about["A1"], about["B1"] = "Unit code", cell
    if defined:
        book.defined_names[MARK] = DefinedName(MARK, attr_text="Unit!$B$1")
    if told is not None:
        book.custom_doc_props.append(StringProperty(name=MARK, value=told))
    book.save(path)
    return path


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _zipped(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def _without(part: str) -> Callable[[bytes], bytes]:
    def damage(data: bytes) -> bytes:
        parts = _parts(data)
        del parts[part]
        return _zipped(parts)

    return damage


def _replaced(part: str, content: bytes) -> Callable[[bytes], bytes]:
    def damage(data: bytes) -> bytes:
        return _zipped(_parts(data) | {part: content})

    return damage


def _cut_short(data: bytes) -> bytes:
    """Half of the sheet's compressed bytes gone: the parts after it are not where the zip's
    directory says."""
    start, size = _sheet_data(data)
    return data[: start + size // 2] + data[start + size :]


def _unsupported(data: bytes) -> bytes:
    """Every part said to be compressed by a method no zip reader here knows (99: AES)."""
    out = bytearray(data)
    at = 0
    while (at := out.find(b"PK\x03\x04", at)) >= 0:  # local headers: the method at +8
        out[at + 8 : at + 10] = (99).to_bytes(2, "little")
        at += 4
    at = 0
    while (at := out.find(b"PK\x01\x02", at)) >= 0:  # the directory's: at +10
        out[at + 10 : at + 12] = (99).to_bytes(2, "little")
        at += 4
    return bytes(out)


def _sheet_data(data: bytes) -> tuple[int, int]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo(SHEET_PART)
    local = data[info.header_offset : info.header_offset + 30]
    names, extra = int.from_bytes(local[26:28], "little"), int.from_bytes(local[28:30], "little")
    return info.header_offset + 30 + names + extra, info.compress_size


def _bad_crc(data: bytes) -> bytes:
    """The sheet's compressed bytes changed in the middle: the zip's directory is whole."""
    start, size = _sheet_data(data)
    middle = start + size // 2
    return data[:middle] + bytes(b ^ 0xFF for b in data[middle : middle + 8]) + data[middle + 8 :]


ENTITY_BOMB = (
    b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
    + b"".join(
        f'<!ENTITY {c} "{("&" + p + ";") * 10}">'.encode()
        for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    )
    + b']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    + b"<sheetData><row><c><v>&i;</v></c></row></sheetData></worksheet>"
)
# The damaged workbooks found in the field, each made from a whole one (its first row a header).
DAMAGES: dict[str, Callable[[bytes], bytes]] = {
    "an empty file": lambda data: b"",
    "not a zip": lambda data: b"code,name,kind\nSYT,x,y\n",
    "a truncated zip": lambda data: data[: len(data) // 2],
    "a part cut short": _cut_short,
    "an unsupported compression": _unsupported,
    "the sheet part missing": _without(SHEET_PART),
    "the workbook part missing": _without("xl/workbook.xml"),
    "the content types missing": _without("[Content_Types].xml"),
    "bad XML in the sheet": _replaced(SHEET_PART, b"<worksheet><sheetData><row><c>"),
    "bad XML in the workbook": _replaced("xl/workbook.xml", b"\x00\x01 not xml"),
    "bad XML in the styles": _replaced("xl/styles.xml", b"<styleSheet><numFmts"),
    "a damaged compressed part": _bad_crc,
    "an XML entity bomb": _replaced(SHEET_PART, ENTITY_BOMB),
}


def damaged(path: Path, rows: list[list[Any]], kind: str) -> Path:
    path.write_bytes(DAMAGES[kind](workbook_bytes(rows)))
    return path


def zip_bomb(path: Path, rows: list[list[Any]], inflated: int = 300 * 2**20) -> Path:
    """A whole workbook whose sheet holds `inflated` blanks before its end: a few hundred KB
    zipped, read by a spreadsheet as the rows it holds."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, data in _parts(workbook_bytes(rows)).items():
            if name != SHEET_PART:
                archive.writestr(name, data)
                continue
            end = data.rindex(b"</")
            with archive.open(name, "w", force_zip64=True) as stream:
                stream.write(data[:end])
                blanks = b" " * (8 * 2**20)
                for _ in range(inflated // len(blanks)):
                    stream.write(blanks)
                stream.write(data[end:])
    return path
