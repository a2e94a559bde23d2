"""A web page's quotable text, each piece anchored at its line and column in the file.

The standard library's ``html.parser`` is used rather than a faster tree
builder (selectolax, lxml) because it is the one that reports where in the
file each piece of text starts, which is what a diagnostic must point at; it
reads a 500 KB page in well under a second (``benchmarks/bench_extract.py``).
Boilerplate removers (trafilatura) were measured and rejected: they drop
paragraphs a fact-checker may quote, and give no positions.

What is not quotable: ``<script>``, ``<style>``, ``<noscript>``, ``<template>``,
``<svg>``, the ``<title>``, navigation (``<nav>``, ``role="navigation"``) and
hidden elements (``hidden``, ``aria-hidden="true"``, an inline ``display:none``
or ``visibility:hidden``), with everything inside them. Inline elements
(``<b>``, ``<a>``, ``<span>``) join their text as a browser shows it; block
elements (``<p>``, ``<div>``, ``<li>``, ``<br>`` ...) break it. Entities are
decoded (``&nbsp;`` is a no-break space, which quotes match as a space).
Styles from style sheets are not computed: a class that hides text hides it
only in the browser.
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

from linter.extract import Extracted, ExtractError
from linter.extract.text import decode

SKIPPED = {"script", "style", "noscript", "template", "svg", "math", "title", "nav", "iframe"}
VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr",
}  # fmt: skip
BLOCK = {
    "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "dialog",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
    "h4", "h5", "h6", "header", "hr", "li", "main", "ol", "p", "pre", "section", "summary",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "br", "legend", "option",
}  # fmt: skip
# Elements whose end tag may be left out: a new one (or, for <p>, any block) closes them.
SELF_CLOSING = {"p", "li", "dt", "dd", "tr", "td", "th", "option"}
_HIDING_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def hidden(tag: str, attrs: list[tuple[str, str | None]]) -> bool:
    """Whether an element (and all inside it) is not shown to a reader."""
    if tag in SKIPPED:
        return True
    for name, value in attrs:
        value = (value or "").strip().lower()
        if (
            name == "hidden"
            or (name == "aria-hidden" and value == "true")
            or (name == "role" and value == "navigation")
            or (name == "style" and _HIDING_STYLE.search(value))
        ):
            return True
    return False


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.parts: list[str] = []
        self.anchors: list[tuple[int, int, int]] = []
        self.size = 0  # characters in ``parts``
        self.stack: list[tuple[str, bool]] = []
        self.hiding = 0  # hidden elements open on the stack

    def _add(self, text: str) -> None:
        line, column = self.getpos()
        self.anchors.append((self.size, line, column + 1))
        self.parts.append(text)
        self.size += len(text)

    def _space(self, piece: str) -> None:
        """Whitespace between pieces: not anchored, and folded into the next break."""
        self.parts.append(piece)
        self.size += len(piece)

    def _break(self) -> None:
        if self.hiding or not self.parts:
            return
        while self.parts and self.parts[-1].isspace():
            self.size -= len(self.parts.pop())
        if self.parts:
            self._space("\n\n")

    def _pop(self) -> None:
        _tag, hides = self.stack.pop()
        self.hiding -= hides

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            if tag in BLOCK:
                self._break()
            return
        if self.stack and self.stack[-1][0] in SELF_CLOSING:
            top = self.stack[-1][0]
            if top == tag or (top == "p" and tag in BLOCK):
                self._pop()
        if tag in BLOCK:
            self._break()
        hides = hidden(tag, attrs)
        self.stack.append((tag, hides))
        self.hiding += hides

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCK:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if not any(open_tag == tag for open_tag, _ in self.stack):
            if tag in {"p", "br"}:
                self._break()
            return
        while self.stack:
            open_tag = self.stack[-1][0]
            self._pop()
            if open_tag == tag:
                break
        if tag in BLOCK:
            self._break()

    def handle_data(self, data: str) -> None:
        if self.hiding:
            return
        if data.isspace():
            if self.parts and not self.parts[-1][-1:].isspace():
                self._space("\n" if "\n" in data else " ")
            return
        self._add(data)

    def handle_entityref(self, name: str) -> None:
        if not self.hiding:
            self._add(unescape(f"&{name};"))

    def handle_charref(self, name: str) -> None:
        if not self.hiding:
            self._add(unescape(f"&#{name};"))


def extract_html(data: bytes, *, repair: bool = False) -> Extracted:
    declared = _CHARSET.search(data[:4096])
    text, notes = decode(
        data, repair=repair, declared=declared.group(1).decode("ascii") if declared else None
    )
    reader = _Reader()
    try:
        reader.feed(text)
        reader.close()
    except (AssertionError, ValueError) as exc:  # html.parser's few hard failures
        raise ExtractError(f"its HTML cannot be parsed ({exc})") from None
    return Extracted("".join(reader.parts), "html", reader.anchors, notes)
