"""``claimlint add SOURCE "words from it"``: write a claim without copying a span by hand.

The words are looked up in SOURCE by the same engine ``check`` uses, so
typography (curly quotes, dashes, spacing) and ellipses are tolerated. A
quote verbatim up to typography is written with the source's exact words (and
an ellipsis between its pieces); one that is only close (Q102) is written with
the source's words, and the change shown. Words that change a number or a
negation, or that are not in the source, write nothing: that needs a person.

The claim is appended to the ``claims:`` list in place (comments and layout
kept), re-read to prove it says what was meant, then written atomically.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import yaml

from linter.diagnostics import line_column
from linter.errors import UsageError
from linter.escape import visible

EXIT_OK, EXIT_NOT_ADDED = 0, 1
ID_WORDS = 6  # words of the quote a generated id is made of
CLOSEST_CHARS = 120


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser(
        "add",
        parents=[common],
        help="find words in a source and append them to the registry as a claim",
    )
    parser.add_argument("source", metavar="SOURCE", help="the document quoted")
    parser.add_argument("words", metavar="WORDS", help="words from it, as you would quote them")
    parser.add_argument("--id", help="the claim's id (default: made from the quote)")
    parser.add_argument("--topic", help="the topic (declared under topics:) of the claim")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from linter.cli import registry_path, settings
    from linter.corpus import display_path
    from linter.registry import load_registry

    config = settings(args)
    path = registry_path(args, config)
    if not path.is_file():
        raise UsageError(
            f"no registry at {display_path(path)}; run 'claimlint init' or pass --registry"
        )
    registry = load_registry(path, display_path(path))
    if any(p.code == "R101" for p in registry.problems):
        raise UsageError(
            f"{registry.display_path} is not valid YAML; run 'claimlint check' and fix it first"
        )
    key, text = _source(Path(args.source), registry.root)
    found = find_quote(args.words, key, text, config.threshold)
    if found.problem:
        print(f"claimlint: not added: {visible(found.problem)}", file=sys.stderr)
        return EXIT_NOT_ADDED
    ident = _claim_id(args.id, found.quote, {c.id for c in registry.claims})
    if args.topic is not None and args.topic not in registry.topics:
        raise UsageError(
            f"topic '{args.topic}' is not declared under 'topics:' in {registry.display_path};"
            " declare it first (with its kind: count, quantity, date, set, name or text)"
        )
    claim = {"id": ident, "source": key, "quote": found.quote}
    if args.topic is not None:
        claim["topic"] = args.topic
    new = append_claim(registry.text, claim)
    _write(registry, new)
    print(visible(f'{found.where}: "{found.quote}"'))
    if found.note:
        print(visible(found.note))
    print(visible(f"Added claim '{ident}' to {registry.display_path}."))
    return EXIT_OK


class Found:
    """What ``find_quote`` found: the quote to write, or why there is none."""

    def __init__(self, quote: str = "", where: str = "", note: str = "", problem: str = ""):
        self.quote, self.where, self.note, self.problem = quote, where, note, problem


def find_quote(words: str, key: str, text: str, threshold: float) -> Found:
    """The exact words of ``text`` that ``words`` quote, through the quote engine."""
    from linter.text.quote import Quote
    from linter.text.verdict import Outcome
    from linter.text.verify import QuoteMatcher

    verdict = QuoteMatcher({key: text}, threshold=threshold, workers=1).verify(words, key)
    span = verdict.span
    where = f"{key}:{_position(text, span.start)}" if span else key
    near = _flat(text[span.start : span.end]) if span else ""
    if len(near) > CLOSEST_CHARS:
        near = near[: CLOSEST_CHARS - 1] + "…"
    closest = f'; the closest text, at {where}, is "{near}"' if near else ""
    if verdict.outcome is Outcome.VERBATIM and span is not None:
        quote = Quote(words)
        if quote.has_brackets:  # editorial insertions are the quoter's words: keep them
            return Found(_flat(words), where)
        return Found(_pieces(quote.pieces, key, text, span.start, span.end), where)
    if verdict.outcome is Outcome.INEXACT and span is not None and len(Quote(words).pieces) == 1:
        exact = _flat(text[span.start : span.end])
        note = f"Written with the source's words (similarity {verdict.score:.2f})"
        return Found(exact, where, note + (f": {verdict.diff}" if verdict.diff else "."))
    if verdict.outcome is Outcome.MEANING_CHANGED:
        change = "; ".join(verdict.changes) or verdict.diff or ""
        return Found(problem=f"the words change a number or a negation of {key} ({change})")
    return Found(problem=f"the words are not in {key}{closest}")


def _pieces(pieces: tuple[str, ...], key: str, text: str, start: int, end: int) -> str:
    """Each ellipsis piece's exact words, in order inside the matched span."""
    from linter.text.verify import QuoteMatcher

    if len(pieces) == 1:
        return _flat(text[start:end])
    exact = []
    for piece in pieces:
        window = text[start:end]
        span = QuoteMatcher({key: window}, workers=1).verify(piece, key).span
        if span is None:  # cannot happen for a verbatim quote; keep the piece as given
            exact.append(piece)
            continue
        exact.append(_flat(window[span.start : span.end]))
        start += span.end
    return " ... ".join(exact)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _position(text: str, offset: int) -> str:
    line, column = line_column(text, offset)
    return f"{line}:{column}"


def _source(path: Path, root: Path) -> tuple[str, str]:
    """The source's key (relative to the registry's folder) and its text."""
    from linter.corpus import read_document, resolve

    absolute = path if path.is_absolute() else Path.cwd() / path
    relative = os.path.relpath(absolute, root)
    cited, key, problem = resolve(root, Path(relative).as_posix())
    if problem is None and cited is not None and key is not None:
        doc, problem = read_document(cited, key)
        if doc is not None:
            return key, doc.text
    assert problem is not None
    raise UsageError(problem.message)


def _claim_id(given: str | None, quote: str, taken: set[str]) -> str:
    from linter.registry import SLUG, _slugify

    if given is not None:
        if not SLUG.match(given):
            raise UsageError(
                f"--id '{given}' must be a lower-case slug such as"
                f" '{_slugify(given) or 'talks-held'}' (a-z, 0-9, single hyphens)"
            )
        if given in taken:
            raise UsageError(f"--id '{given}' is already used; choose another")
        return given
    base = _slugify(" ".join(quote.split()[:ID_WORDS])) or "claim"
    ident, number = base, 2
    while ident in taken:
        ident, number = f"{base}-{number}", number + 1
    return ident


def append_claim(text: str, claim: dict[str, str]) -> str:
    """``text`` with ``claim`` appended to its ``claims:`` list, everything else kept."""
    from linter import yamlsafe

    newline = "\r\n" if "\r\n" in text else "\n"
    bom = yamlsafe.BOM if text.startswith(yamlsafe.BOM) else ""
    body = text[len(bom) :]
    root = yamlsafe.compose(body, [])
    claims = next((v for k, v in root.pairs() if k.text == "claims"), None) if root else None
    if claims is None or claims.kind != "seq":
        raise UsageError("the registry has no 'claims:' list to add to; run 'claimlint check'")
    dumped = yaml.safe_dump(
        [claim], allow_unicode=True, sort_keys=False, width=88, default_flow_style=False
    )
    if claims.items and not _is_block(body, claims):
        raise UsageError(
            "the registry's 'claims:' is a flow list ([...]); write it as a block list"
            " ('- id: ...' lines) or add the claim by hand"
        )
    if claims.items:
        first = claims.items[0]
        line_start = body.rfind("\n", 0, first.start) + 1
        indent = " " * (body.index("-", line_start) - line_start)
        at = _line_end(body, _last_end(claims.items[-1]))
        block = "".join(indent + line + newline for line in dumped.splitlines())
        new = body[:at] + ("" if body[:at].endswith("\n") or not at else newline) + block
        new += body[at:]
    else:  # an empty list written as []: replace it with a block
        block = "".join("  " + line + newline for line in dumped.splitlines())
        new = body[: claims.start].rstrip(" ") + newline + block + body[claims.end :].lstrip(" ")
        if new.endswith(newline + newline) and not body.endswith(newline + newline):
            new = new[: -len(newline)]
    _check_reads_back(new, claim, len(claims.items or ()))
    return bom + new


def _is_block(text: str, node) -> bool:
    return text[node.start : node.start + 1] != "["


def _last_end(node) -> int:
    """Where a node's text ends: its last scalar's end (a collection's own end is its start)."""
    if node.kind == "scalar":
        return node.end
    items = node.items or []
    if node.kind == "map":
        items = [part for pair in items for part in pair]
    return max((_last_end(item) for item in items), default=node.end)


def _line_end(text: str, offset: int) -> int:
    """The start of the line after ``offset`` (or ``offset`` when it starts a line)."""
    if offset == 0 or text[offset - 1] == "\n":
        return offset
    at = text.find("\n", offset)
    return len(text) if at < 0 else at + 1


def _check_reads_back(text: str, claim: dict[str, str], before: int) -> None:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        data = None
    claims = data.get("claims") if isinstance(data, dict) else None
    if not isinstance(claims, list) or len(claims) != before + 1 or claims[-1] != claim:
        raise UsageError(
            "cannot append to this registry's 'claims:' list safely; add the claim by hand"
        )


def _write(registry, text: str) -> None:
    from linter.fix import encode_like
    from linter.fsutil import write_atomic

    try:
        write_atomic(registry.path, encode_like(registry, text))
    except OSError as exc:
        raise UsageError(f"cannot write {registry.display_path}: {exc.strerror or exc}") from exc
