"""Extraction speed: a 50-page PDF and a 500 KB web page, each to be read in under a second.

    python benchmarks/bench_extract.py                 # builds both inputs (needs chromium)
    python benchmarks/bench_extract.py --pdf F --html F
    python benchmarks/bench_extract.py --compare       # also the libraries not chosen

The web page is the real Node.js page of tests/data/extract, its body repeated
to 500 KB; the PDF is the article of tests/data/extract printed by headless
Chromium 25 times over (two pages each), with Chromium's running header and
footer. Figures are the best of ``--runs`` runs of ``linter.extract.extract``,
the exact code ``claimlint check`` runs on a source it has not seen before.
A repeat run is then timed the way ``claimlint check`` reads a source
(``read_document``, a fresh reader on a warm cache in a temporary folder): it
must extract nothing (the count of extractions is printed). ``--compare``
times pypdf, pdfplumber, selectolax and trafilatura on the same inputs when
installed.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from linter.corpus import read_document  # noqa: E402
from linter.extract import Reader, extract  # noqa: E402
from tests.data.extract.make_fixtures import print_pdf  # noqa: E402

DATA = ROOT / "tests" / "data" / "extract"
PAGE_BYTES = 500 * 1024
COPIES = 25  # of the two-page article: 50 pages


def big_page(target: Path) -> Path:
    page = (DATA / "nodejs-querystring.html").read_text(encoding="utf-8")
    opening = re.search(r"<body[^>]*>", page)
    assert opening is not None
    closing = page.index("</body>")
    head, body, tail = page[: opening.end()], page[opening.end() : closing], page[closing:]
    copies = PAGE_BYTES // len(body.encode()) + 1
    target.write_text(head + body * copies + tail, encoding="utf-8")
    return target


def big_pdf(target: Path) -> Path:
    page = (DATA / "article.html").read_text(encoding="utf-8")
    head, rest = page.split("<article>", 1)
    article, tail = rest.split("</article>", 1)
    copy = f"<article style='break-after: page'>{article}</article>"
    source = target.with_suffix(".html")
    source.write_text(head + copy * COPIES + tail, encoding="utf-8")
    print_pdf(source, target)
    return target


def best(run: Callable[[], object], runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return min(times), result


def repeat_run(path: Path, cache: Path) -> tuple[float, int, int]:
    """Seconds to read ``path`` again with a fresh reader on a warm cache, and how many
    extractions the first and the repeat read made (1 and 0 when the cache works)."""
    os.environ["CLAIMLINT_CACHE_DIR"] = str(cache)
    counts = []
    seconds = 0.0
    for _ in range(2):
        reader = Reader(True)
        start = time.perf_counter()
        document, problem = read_document(path, path.name, reader)
        if document is not None:
            document.text  # noqa: B018 -- what a check reads
        seconds = time.perf_counter() - start
        assert problem is None, problem
        counts.append(reader.extracted)
        reader.close()
    return seconds, counts[0], counts[1]


def alternatives(pdf: bytes, page: str) -> dict[str, Callable[[], object]]:
    found: dict[str, Callable[[], object]] = {}
    try:
        import io

        import pypdf

        found["pypdf (PDF)"] = lambda: [
            p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages
        ]
    except ImportError:
        pass
    try:
        import io

        import pdfplumber

        def plumber() -> object:
            with pdfplumber.open(io.BytesIO(pdf)) as document:
                return [p.extract_text() for p in document.pages]

        found["pdfplumber (PDF)"] = plumber
    except ImportError:
        pass
    try:
        from selectolax.lexbor import LexborHTMLParser

        found["selectolax, no positions (HTML)"] = lambda: LexborHTMLParser(page).body.text()
    except ImportError:
        pass
    try:
        import trafilatura

        found["trafilatura, main text only (HTML)"] = lambda: trafilatura.extract(page)
    except ImportError:
        pass
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pdf", type=Path, help="a PDF to read (default: a 50-page one, built)")
    parser.add_argument("--html", type=Path, help="a web page (default: a 500 KB one, built)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--compare", action="store_true", help="also time the libraries not chosen")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="claimlint-extract-") as tmp:
        pdf_path = args.pdf or big_pdf(Path(tmp) / "article-x25.pdf")
        html_path = args.html or big_page(Path(tmp) / "nodejs-500k.html")
        pdf, page = pdf_path.read_bytes(), html_path.read_bytes()
        import pypdfium2

        pages = len(pypdfium2.PdfDocument(pdf))
        print(f"PDF: {pdf_path.name}, {pages} pages, {len(pdf) / 1024:.0f} KB")
        print(f"web page: {html_path.name}, {len(page) / 1024:.0f} KB")
        failed = False
        for label, data, kind, size in (
            ("PDF", pdf, "pdf", f"{pages} pages"),
            ("web page", page, "html", f"{len(page) / 1024:.0f} KB"),
        ):
            seconds, result = best(lambda d=data, k=kind: extract(d, k), args.runs)
            chars = len(result.text)  # type: ignore[attr-defined]
            verdict = "ok" if seconds < 1.0 else "OVER 1 s"
            failed |= seconds >= 1.0
            print(
                f"claimlint {label:8}: {seconds:6.3f} s for {size} ({chars:,} characters"
                f" of text) [{verdict}]"
            )
        for label, path in (("PDF", pdf_path), ("web page", html_path)):
            seconds, first, again = repeat_run(path, Path(tmp) / "cache")
            verdict = "ok" if again == 0 else "EXTRACTED AGAIN"
            failed |= again != 0
            print(
                f"repeat run {label:8}: {seconds:6.3f} s, {again} extraction(s)"
                f" (first run: {first}) [{verdict}]"
            )
        if args.compare:
            for name, run in alternatives(pdf, page.decode("utf-8")).items():
                seconds, _ = best(run, max(1, min(args.runs, 2)))
                print(f"  {name}: {seconds:.3f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
