"""A Word (.docx) file's text, paragraph by paragraph, tables included, hidden runs left out.

python-docx is the well-kept reader of the format. Paragraphs are numbered in
reading order, counting those inside table cells, so "paragraph 12" is the
twelfth paragraph a reader meets. Text formatted as hidden (Word's "Hidden"
font effect) is not quotable; headers, footers, comments and tracked deletions
are not part of the body and are not read.
"""

from __future__ import annotations

import io
import zipfile

from linter.extract import Extracted, ExtractError, require


def _paragraphs(container):
    """Every paragraph of a document or table cell, in reading order."""
    for item in container.iter_inner_content():
        if hasattr(item, "rows"):  # a table
            for row in item.rows:
                for cell in row.cells:
                    yield from _paragraphs(cell)
        else:
            yield item


def _visible(paragraph) -> str:
    runs = paragraph.iter_inner_content()
    pieces = []
    for item in runs:
        for run in getattr(item, "runs", None) or [item]:  # a hyperlink holds runs
            if not run.font.hidden:
                pieces.append(run.text)
    return "".join(pieces)


def extract_docx(data: bytes) -> Extracted:
    docx = require("docx", "reading Word files")
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, Exception) as exc:  # python-docx has errors of its own too
        raise ExtractError(f"it is not a Word (.docx) file that can be read ({exc})") from None
    parts: list[str] = []
    anchors: list[tuple[int, int, int]] = []
    size = 0
    seen: set = set()  # a merged cell repeats its paragraphs in every cell it spans (kept alive,
    # so lxml hands back the same element object for the same paragraph)
    number = 0
    for paragraph in _paragraphs(document):
        if paragraph._p in seen:
            continue
        seen.add(paragraph._p)
        number += 1
        text = _visible(paragraph)
        if not text.strip():
            continue
        anchors.append((size, number, 0))
        parts.append(text + "\n\n")
        size += len(text) + 2
    return Extracted("".join(parts), "docx", anchors)
