"""Make the article fixtures of tests/test_extract.py from a real article (seeds/001).

    python tests/data/extract/make_fixtures.py    # needs chromium (Debian's package)

article.txt is the Washington Post article of seeds/001 as plain text;
article.html is the same article as a web page (markup inside sentences,
entities, a script, a style sheet, navigation and hidden elements holding
decoy sentences that are not in the article); article.pdf is that page printed
by headless Chromium with its default running header and footer (date, title,
address, page numbers), on two pages, a paragraph running across the break.
The encoding fixtures are the same text in Windows-1252, in UTF-16 with a byte
order mark, and as the two kinds of mojibake newswire holds.
"""

from __future__ import annotations

import html
import shutil
import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = HERE.parent.parent.parent / "seeds" / "001_3de99958f30674d8.txt"
# Sentences that a reader of the page never sees: a quote of one must not be found.
DECOYS = {
    "script": "Lavrov walked out of the talks in protest",
    "hidden": "The Taliban delegation conceded defeat",
    "display": "Moscow cancelled the conference at the last minute",
    "aria": "Kabul welcomed the Russian plan without reservation",
    "nav": "Subscribe to our Afghanistan newsletter",
}

# Small type, and no orphan/widow control, so that a paragraph runs across the page break.
STYLE = (
    "body { font: 8.8pt/1.2 serif; margin: 0; max-width: 13cm } article { padding-top: 18mm }"
    " .hl { color: #222 } p { orphans: 1; widows: 1 }"
)
_INLINE = {  # markup a web page puts inside sentences
    "Sergei Lavrov": "<a href='/people/lavrov'>Sergei&nbsp;Lavrov</a>",
    "promised to work": "<b>promised</b> to <em>work</em>",
    "five-man Taliban delegation": "five-man <span class='hl'>Taliban</span> delegation",
    "High Peace Council": "High <i>Peace</i> Council",
}


def _paragraph(text: str) -> str:
    body = html.escape(text, quote=False).replace("’", "&rsquo;").replace("—", "&mdash;")
    for plain, marked in _INLINE.items():
        body = body.replace(plain, marked)
    return f"    <p>{body}</p>\n"


def article_html(text: str) -> str:
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    title, _again, advert, *body = paragraphs
    return (
        "<!DOCTYPE html>\n<html lang='en'>\n<head>\n  <meta charset='utf-8'>\n"
        f"  <title>{html.escape(title)} - The Washington Post</title>\n"
        f"  <style>{STYLE}</style>\n"
        f'  <script>var teaser = "{DECOYS["script"]}"; if (1 < 2 && true) {{ }}</script>\n'
        "</head>\n<body>\n"
        f"  <nav><a href='/world'>World</a> | <a href='/nl'>{DECOYS['nav']}</a></nav>\n"
        "  <article>\n"
        f"    <h1>{html.escape(title)}</h1>\n"
        f"    <aside>{html.escape(advert)}</aside>\n"
        f"    <div hidden>{DECOYS['hidden']}.</div>\n"
        f"    <p style='display: none'>{DECOYS['display']}.</p>\n"
        f"    <span aria-hidden='true'>{DECOYS['aria']}.</span>\n"
        + "".join(_paragraph(p) for p in body)
        + "  </article>\n</body>\n</html>\n"
    )


def print_pdf(source: Path, target: Path, *options: str) -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise SystemExit("chromium is needed (apt-get install chromium)")
    subprocess.run(
        [
            chromium, "--headless", "--no-sandbox", "--disable-gpu",
            *options, f"--print-to-pdf={target}", source.as_uri(),
        ],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip


def make_scan() -> None:
    """scan.pdf: a page holding only a picture, as a scanner makes one (no text layer)."""
    import base64
    import struct
    import tempfile
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    width = height = 50
    rows = b"".join(b"\x00" + b"\x80\x80\x80" * width for _ in range(height))
    png = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "scan.html"
        uri = "data:image/png;base64," + base64.b64encode(png).decode()
        page.write_text(f"<html><body><img src='{uri}' width='400'></body></html>")
        print_pdf(page, HERE / "scan.pdf", "--no-pdf-header-footer")  # a scanner prints none


def main() -> None:
    text = SEED.read_text(encoding="utf-8")
    (HERE / "article.txt").write_text(text, encoding="utf-8")
    page = HERE / "article.html"
    page.write_text(article_html(text), encoding="utf-8")
    print_pdf(page, HERE / "article.pdf")
    (HERE / "article-cp1252.txt").write_bytes(text.encode("cp1252"))
    (HERE / "article-utf16.txt").write_bytes(text.encode("utf-16"))  # with a byte order mark
    # Windows-1252 bytes read as Latin-1 (C1 controls), and UTF-8 bytes read as Windows-1252.
    (HERE / "article-c1.txt").write_text(text.encode("cp1252").decode("latin-1"), "utf-8")
    (HERE / "article-mojibake.txt").write_text(_sloppy_cp1252(text.encode("utf-8")), "utf-8")
    make_scan()


def _sloppy_cp1252(data: bytes) -> str:
    """Bytes read as Windows-1252 the way browsers do (its five unused bytes as C1 controls)."""
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in data)


if __name__ == "__main__":
    main()
