"""Reading an .xlsx file back for the tests, with the standard library only (no openpyxl here):
the first worksheet's cells as rows of strings, numbers and booleans."""

from __future__ import annotations

import io
import re
import zipfile
from xml.etree import ElementTree

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


def shared_strings(archive: zipfile.ZipFile) -> list[str]:
    if "xl/sharedStrings.xml" not in archive.namelist():
        return []
    root = ElementTree.fromstring(archive.read("xl/sharedStrings.xml"))
    return ["".join(t.text or "" for t in item.iter(f"{{{NS['m']}}}t")) for item in root]


def column_index(reference: str) -> int:
    letters = re.match(r"[A-Z]+", reference).group()
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - ord("A") + 1
    return index - 1


def cell_value(cell, strings: list[str]):
    kind = cell.get("t")
    if kind == "inlineStr":
        return "".join(t.text or "" for t in cell.iter(f"{{{NS['m']}}}t"))
    value = cell.find("m:v", NS)
    if value is None:
        return None
    if kind == "s":
        return strings[int(value.text)]
    if kind == "b":
        return value.text == "1"
    if kind == "str":
        return value.text
    number = float(value.text)
    return int(number) if number.is_integer() else number


def read_rows(content: bytes) -> list[list]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        strings = shared_strings(archive)
        sheet = ElementTree.fromstring(archive.read("xl/worksheets/sheet1.xml"))
        names = archive.namelist()
        workbook = archive.read("xl/workbook.xml").decode() if "xl/workbook.xml" in names else ""
    rows = []
    for row in sheet.iter(f"{{{NS['m']}}}row"):
        cells = {column_index(c.get("r")): cell_value(c, strings) for c in row.findall("m:c", NS)}
        width = max(cells, default=-1) + 1
        rows.append([cells.get(i) for i in range(width)])
    rows.append(workbook)  # the sheet names are in it, for the tests that check them
    return rows


def read_table(content: bytes) -> tuple[list[str], list[dict], str]:
    """(header, rows as dicts, workbook.xml text)."""
    *rows, workbook = read_rows(content)
    header = rows[0]
    return header, [dict(zip(header, row, strict=False)) for row in rows[1:]], workbook
