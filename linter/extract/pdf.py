"""A PDF's text, page by page and line by line, without its running headers and footers.

pypdfium2 (Google's PDFium, Apache-2.0/BSD) was chosen by measurement over
pypdf and pdfplumber: on an 89-page PDF printed by Chromium it read every page
in 0.28 s, pypdf took 6.3 s and pdfplumber about 0.14 s a page; its text also
keeps single spaces and ligatures as letters (pypdf gave "node:querystring  module"
and "ﬁle"). AGPL libraries (PyMuPDF) are ruled out.

A browser's "Save as PDF" repeats the date, title, address and "1/3" at the top
and bottom of each page; those lines would split a quote that runs across a
page break, so a line at the edge of a page that recurs (digits aside) on most
pages is dropped. Pages are joined with a line break, so a quote across a page
break reads as one sentence.
"""

from __future__ import annotations

import re
from collections import Counter

from linter.extract import Extracted, ExtractError, require

EDGE = 2  # lines at the top and at the bottom of a page that may be a running header/footer
_DIGITS = re.compile(r"\d+")
# PDFium writes U+0002 for a hyphen it cannot tell from a soft one; at a line end the word
# goes on. Kept as "-": browsers and word processors do not hyphenate, so a real hyphen
# ("Taliban-Afghan") is far more common than a word split across lines.
_HYPHEN = re.compile("[\ufffe\x02](?:\r?\n)?")


def _pages(data: bytes) -> list[list[str]]:
    pdfium = require("pypdfium2", "reading PDF files")
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise ExtractError(f"it is not a PDF that can be read ({exc})") from None
    try:
        pages = []
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            text = textpage.get_text_bounded()
            textpage.close()
            page.close()
            text = _HYPHEN.sub("-", text).replace("\r\n", "\n").replace("\r", "\n")
            pages.append(text.split("\n"))
        return pages
    except pdfium.PdfiumError as exc:  # a damaged page
        raise ExtractError(f"it is a damaged PDF ({exc})") from None
    finally:
        document.close()


def running_lines(pages: list[list[str]]) -> set[str]:
    """Lines (digits masked) printed at the edge of most pages: headers, footers, page numbers."""
    if len(pages) < 2:
        return set()
    seen: Counter[str] = Counter()
    for lines in pages:
        edge = {_DIGITS.sub("#", x.strip()) for x in lines[:EDGE] + lines[-EDGE:] if x.strip()}
        seen.update(edge)
    return {line for line, count in seen.items() if count * 2 > len(pages) and count >= 2}


def extract_pdf(data: bytes) -> Extracted:
    pages = _pages(data)
    running = running_lines(pages)
    parts: list[str] = []
    anchors: list[tuple[int, int, int]] = []
    size = 0
    for number, lines in enumerate(pages, 1):
        last = len(lines) - 1
        for index, line in enumerate(lines):
            at_edge = index < EDGE or index > last - EDGE
            if not line.strip() or (at_edge and _DIGITS.sub("#", line.strip()) in running):
                continue
            anchors.append((size, number, index + 1))
            parts.append(line + "\n")
            size += len(line) + 1
    if not any(p.strip() for p in parts):
        raise ExtractError(
            "it is a PDF with no text in it (a scanned image?); run OCR on it"
            " (e.g. ocrmypdf) and cite the result"
        )
    return Extracted("".join(parts), "pdf", anchors)
