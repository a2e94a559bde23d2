"""Read untrusted YAML into a small node tree that keeps every position.

``yaml.safe_load`` is unsafe for a linter in three ways: it silently keeps the
last of two duplicate keys, it expands aliases (a "billion laughs" document
takes all memory), and it recurses once per nesting level (deep input raises
``RecursionError``).  So this module composes the tree itself from PyYAML's
event stream (libyaml's C parser when installed): aliases are refused the
moment they are seen, nesting is capped, duplicate keys are reported, and
nothing is built beyond what the file literally says.  Values are only
constructed on demand, with PyYAML's safe semantics.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

from linter.diagnostics import line_column
from linter.escape import YAML_FORBIDDEN

MAX_DEPTH = 50  # nesting of lists/mappings; a claims registry needs about 5
# Entries of one list or mapping: claims in a registry (the largest benchmarked has
# 80,000). Reading stops at the first entry past it, before the rest costs time and memory.
MAX_ITEMS = 100_000
# Entries of a list or mapping below a top-level section (a claim's fields, a value list,
# a topic's acknowledgements): a registry needs a handful, so a hostile one stops at once.
MAX_NESTED_ITEMS = 1_000
BOM = "\ufeff"

# libyaml (C) when installed: about ten times faster than the pure-Python parser.
DEFAULT_LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

SYNTAX = "syntax"
DUPLICATE_KEY = "duplicate-key"

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_SCALAR_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("null", "bool", "int", "float", "str", "timestamp")
)
# What PyYAML's scalar constructors raise for a value that does not fit its tag
# (``!!bool maybe`` is a KeyError, ``!!timestamp 2018-99-99`` a ValueError).
_CONSTRUCT_ERRORS = (ValueError, TypeError, AttributeError, OverflowError, KeyError, IndexError)
_RESOLVER = Resolver()
_CONSTRUCTOR = SafeConstructor()


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with the YAML itself; the registry loader turns it into R101/R104."""

    kind: str  # SYNTAX or DUPLICATE_KEY
    message: str
    line: int  # 1-based
    column: int
    details: dict = field(default_factory=dict)


class Node:
    """A scalar, list or mapping with its position (1-based line/column, 0-based offsets).

    ``items`` is a list of nodes for a list, a list of (key, value) pairs for a
    mapping (a repeated key keeps its first value), None for a scalar.
    ``text`` is a scalar's string as YAML read it, before type resolution.
    """

    # The few fields a registry needs are copied out of the parser's event, and
    # the event (with its two marks, each an object with a dict) is dropped: a
    # registry of 80,000 claims has some 800,000 nodes.
    __slots__ = (
        "column",
        "end",
        "implicit",
        "items",
        "kind",
        "line",
        "start",
        "style",
        "tag",
        "text",
    )

    def __init__(self, kind: str, event: Any, items: list | None = None) -> None:
        mark = event.start_mark
        self.kind = kind
        self.items = items
        self.tag = event.tag
        self.line = mark.line + 1
        self.column = mark.column + 1
        self.start = mark.index
        self.end = event.end_mark.index
        if kind == "scalar":
            self.text: str | None = event.value
            # None (plain), "'", '"', "|" or ">" (libyaml says "" for plain).
            self.style: str | None = event.style or None
            self.implicit: tuple[bool, bool] = event.implicit
        else:
            self.text = self.style = None
            self.implicit = (False, False)

    @property
    def is_scalar(self) -> bool:
        return self.kind == "scalar"

    @property
    def is_null(self) -> bool:
        """An empty value, ``~`` or ``null`` written without quotes."""
        return self.kind == "scalar" and not self.style and self.text in _NULLS

    def pairs(self) -> Iterator[tuple[Node, Node]]:
        return iter(self.items or ()) if self.kind == "map" else iter(())

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Node({self.kind}, {self.line}:{self.column}, {self.text or self.items!r})"


def resolved_tag(node: Node) -> str:
    """The YAML tag of a scalar as the safe loader would resolve it."""
    if node.tag not in (None, "!"):
        return node.tag
    return _RESOLVER.resolve(yaml.ScalarNode, node.text, node.implicit)


def scalar_value(node: Node) -> Any:
    """A scalar's value with ``SafeLoader`` semantics (int, float, bool, None, date, str).

    An invalid date such as ``2018-13-45`` stays the string it was written as
    (PyYAML would raise); validation decides whether that is acceptable.
    """
    tag = resolved_tag(node)
    if tag == _STR or tag not in _SCALAR_TAGS:
        return node.text
    construct = SafeConstructor.yaml_constructors[tag]
    try:
        return construct(_CONSTRUCTOR, yaml.ScalarNode(tag, node.text, style=node.style))
    except _CONSTRUCT_ERRORS:
        return node.text


def decode(data: bytes) -> tuple[str | None, Problem | None]:
    """UTF-8 text of a file (a BOM kept), or the first undecodable byte as a problem."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, Problem(
            SYNTAX,
            "the file is UTF-16 encoded; save it as UTF-8",
            1,
            1,
        )
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as err:
        good = data[: err.start].decode("utf-8")
        line, column = line_column(good, len(good))
        return None, Problem(
            SYNTAX,
            f"byte 0x{data[err.start]:02X} at offset {err.start} is not valid UTF-8; "
            "save the file as UTF-8",
            line,
            column,
            {"offset": err.start},
        )


def check_characters(text: str) -> Problem | None:
    """The first character YAML forbids (control characters such as NUL or ESC)."""
    bad = YAML_FORBIDDEN.search(text)
    if bad is None:
        return None
    line, column = line_column(text, bad.start())
    return Problem(
        SYNTAX,
        f"control character U+{ord(bad.group()):04X} is not allowed in YAML; delete it",
        line,
        column,
    )


def compose(text: str, problems: list[Problem], loader: type | None = None) -> Node | None:
    """The single document in ``text`` as a node tree, or None if empty or unreadable.

    Problems are appended to ``problems``.  ``text`` must not start with a BOM
    (the caller strips it, so offsets do not depend on the parser used).
    """
    bad = check_characters(text)
    if bad is not None:
        problems.append(bad)
        return None
    loader = loader or DEFAULT_LOADER
    before = len(problems)
    root, failed = _compose_with(loader, text, problems)
    if failed and loader is not yaml.SafeLoader:
        # Where libyaml gives up depends on its version: 0.2.5 scans token by
        # token, the one bundled with PyYAML 6.0.4 scans flow collections ahead
        # and stops at its own depth limit, 1,000 columns further on.  The
        # pure-Python parser is the same code in every supported PyYAML, so a
        # file that fails is read again with it: one location whatever is
        # installed.  Valid files, the common case, keep libyaml's speed.
        del problems[before:]
        root, _ = _compose_with(yaml.SafeLoader, text, problems)
    return root


def _compose_with(loader: type, text: str, problems: list[Problem]) -> tuple[Node | None, bool]:
    """The tree as ``loader`` reads it, and whether the parser raised an error."""
    parser = loader(text)
    try:
        return _compose(parser, problems), False
    except yaml.MarkedYAMLError as err:
        problems.append(_syntax_problem(err, text))
    except yaml.YAMLError as err:  # a reader error without a mark: should not happen
        problems.append(Problem(SYNTAX, f"the file is not valid YAML: {err}", 1, 1))
    finally:
        parser.dispose()
    return None, True


def _compose(parser: Any, problems: list[Problem]) -> Node | None:
    """Build nodes from events without recursion; stop at an alias or too deep a nesting."""
    get_event = parser.get_event
    scalar_event = yaml.ScalarEvent
    root: Node | None = None
    stack: list[Node] = []  # open lists and mappings
    pending: list[Node | None] = []  # per open collection: a mapping's key awaiting its value
    seen: list[dict[str, Node] | None] = []  # per open mapping: keys so far
    documents = 0
    while True:
        event = get_event()
        kind = type(event)
        if kind is scalar_event:
            node = Node("scalar", event)
            if event.anchor is not None:
                problems.append(_anchor_problem(event))
            if node.tag not in (None, "!"):
                _check_scalar_tag(node, problems)
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            if event.anchor is not None:
                problems.append(_anchor_problem(event))
            if len(stack) >= MAX_DEPTH:
                mark = event.start_mark
                problems.append(
                    Problem(
                        SYNTAX,
                        f"lists and mappings are nested more than {MAX_DEPTH} levels deep; "
                        "a claims registry needs only a few levels — check the brackets "
                        "and indentation",
                        mark.line + 1,
                        mark.column + 1,
                    )
                )
                return None
            is_map = kind is yaml.MappingStartEvent
            node = Node("map" if is_map else "seq", event, [])
            if event.tag not in (None, "!", _MAP if is_map else _SEQ):
                problems.append(_tag_problem(node))
            stack.append(node)
            pending.append(None)
            seen.append({} if is_map else None)
            continue
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            node = stack.pop()
            pending.pop()
            seen.pop()
            node.end = event.end_mark.index
        elif kind is yaml.AliasEvent:
            mark = event.start_mark
            problems.append(
                Problem(
                    SYNTAX,
                    f"YAML alias '*{event.anchor}' is not allowed in a claims registry; "
                    "write the value out in full",
                    mark.line + 1,
                    mark.column + 1,
                )
            )
            return None
        elif kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                mark = event.start_mark
                problems.append(
                    Problem(
                        SYNTAX,
                        "a second YAML document starts here; a registry is one document — "
                        "remove this '---' and merge the claims into one 'claims:' list",
                        mark.line + 1,
                        mark.column + 1,
                    )
                )
                return root
            continue
        elif kind is yaml.StreamEndEvent:
            return root
        else:  # stream start, document end
            continue

        if not stack:
            root = node
        elif len(stack[-1].items) >= (MAX_ITEMS if _at_top(stack) else MAX_NESTED_ITEMS):
            problems.append(_too_many(node, stack, pending))
            return None
        elif stack[-1].kind == "seq":
            stack[-1].items.append(node)
        elif pending[-1] is None:
            pending[-1] = node
        else:
            key = pending[-1]
            pending[-1] = None
            if key.kind == "scalar":
                keys = seen[-1]
                first = keys.get(key.text)
                if first is not None:
                    problems.append(
                        Problem(
                            DUPLICATE_KEY,
                            f"duplicate key '{key.text}' (first on line {first.line}); "
                            "YAML would silently keep only the last one — remove or rename "
                            "one of them (claimlint reads the first)",
                            key.line,
                            key.column,
                            {"key": key.text, "first_line": first.line},
                        )
                    )
                    continue
                keys[key.text] = key
            stack[-1].items.append((key, node))


def too_many_message(limit: int | None = None, section: str | None = None) -> str:
    """Why a list or mapping past ``MAX_ITEMS`` is refused (a fixed limit), and what to do;
    ``section`` names the top-level section it is (None: the registry's top level)."""
    limit = MAX_ITEMS if limit is None else limit
    where = f"'{section[:40]}'" if section else "the registry's top level"
    return (
        f"more than {limit:,} entries in one list or mapping ({where}); claimlint reads at"
        f" most {limit:,} in any section, and so at most {limit:,} claims in a registry"
        " (a fixed limit) — split it into several registries"
    )


def _at_top(stack: list[Node]) -> bool:
    """Whether the innermost open collection is the registry's top level or a section
    (``MAX_ITEMS`` entries; those below hold ``MAX_NESTED_ITEMS``)."""
    return len(stack) == 1 or (len(stack) == 2 and stack[0].kind == "map")


def _too_many(node: Node, stack: list[Node], pending: list[Node | None]) -> Problem:
    """The problem at ``node``, the first entry past the limit of the innermost open
    collection (``stack[-1]``; ``pending[0]`` is the section's key, if any)."""
    if not _at_top(stack):
        message = (
            f"more than {MAX_NESTED_ITEMS:,} entries in one list or mapping inside a section"
            f" (a claim's fields, a list of values); claimlint reads at most"
            f" {MAX_NESTED_ITEMS:,} there (a fixed limit) — check the brackets and indentation"
        )
        return Problem(SYNTAX, message, node.line, node.column)
    key = pending[0] if len(stack) == 2 and stack[0].kind == "map" else None
    section = key.text if key is not None and key.kind == "scalar" else None
    return Problem(SYNTAX, too_many_message(section=section), node.line, node.column)


def _anchor_problem(event: Any) -> Problem:
    mark = event.start_mark
    return Problem(
        SYNTAX,
        f"YAML anchor '&{event.anchor}' is not allowed in a claims registry; remove it",
        mark.line + 1,
        mark.column + 1,
    )


def _tag_problem(node: Node) -> Problem:
    tag = node.tag.replace("tag:yaml.org,2002:", "!!", 1)
    return Problem(
        SYNTAX,
        f"YAML tag '{tag}' is not supported in a claims registry; remove it",
        node.line,
        node.column,
    )


def _check_scalar_tag(node: Node, problems: list[Problem]) -> None:
    """Explicit tags: only the standard scalar types, and the value must fit the tag."""
    if node.tag not in _SCALAR_TAGS:
        problems.append(_tag_problem(node))
        node.tag = _STR
        return
    if node.tag == _STR:
        return
    construct = SafeConstructor.yaml_constructors[node.tag]
    try:
        construct(_CONSTRUCTOR, yaml.ScalarNode(node.tag, node.text))
    except _CONSTRUCT_ERRORS:
        short = node.tag.rsplit(":", 1)[-1]
        problems.append(
            Problem(
                SYNTAX,
                f"'{node.text}' is not a valid !!{short}; fix the value or remove the tag",
                node.line,
                node.column,
            )
        )
        node.tag = _STR


# What PyYAML's and libyaml's messages mean, in words a fact-checker can act on.
_EXPLAIN: tuple[tuple[str, str], ...] = (
    (
        "mapping values are not allowed",
        "unexpected ':' — a value containing ': ' must be put in quotes "
        "(or this line is indented wrongly)",
    ),
    (
        "could not find expected ':'",
        "expected 'key: value' here — add the ':' or put the text above in quotes",
    ),
    (
        "expected <block end>",
        "this line's indentation does not match the lines above; "
        "line it up with its siblings using spaces",
    ),
    (
        "did not find expected key",
        "this line's indentation does not match the lines above; "
        "line it up with its siblings using spaces",
    ),
    (
        "did not find expected '-' indicator",
        "this line's indentation does not match the lines above; "
        "line it up with its siblings using spaces",
    ),
    ("expected ',' or ']'", "a '[' list is not closed; add the missing ']' (or a ',')"),
    ("expected ',' or '}'", "a '{' mapping is not closed; add the missing '}' (or a ',')"),
    (
        "expected the node content",
        "a value is missing here; write a value or put the text in quotes",
    ),
)


_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # what PyYAML counts as line breaks


def _break_position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of an offset, counting lines as the parser does."""
    line, start = 1, 0
    for match in _BREAKS.finditer(text, 0, index):
        line, start = line + 1, match.end()
    return line, index - start + 1


def _syntax_problem(err: yaml.MarkedYAMLError, text: str) -> Problem:
    """A PyYAML/libyaml error as a located plain-language problem."""
    mark = err.problem_mark or err.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    if mark is not None and text.strip() and not text[mark.index :].strip():
        # The parser gave up at the end of the stream, past the last line break: point
        # just after the last character instead (where the missing ']' or '}' belongs),
        # so the location is inside the file.
        line, column = _break_position(text, len(text.rstrip()))
    problem = err.problem or ""
    context = err.context or ""
    char = text[mark.index] if mark is not None and mark.index < len(text) else ""
    if "cannot start any token" in problem:
        if char == "\t":
            message = (
                "tab character here: YAML indents with spaces only; replace the tab with spaces"
            )
        else:
            message = f"'{char}' cannot start a value; put the value in quotes"
    elif "tab" in problem and "indentation" in problem:
        message = "tab character in indentation: YAML indents with spaces only; use spaces"
    elif "quoted scalar" in context and err.context_mark is not None:
        start = err.context_mark
        line, column = start.line + 1, start.column + 1
        message = (
            "this quoted string is never closed; add the closing quote "
            "(inside '...' write a single quote as '', inside \"...\" as \\\")"
        )
    else:
        message = next((plain for key, plain in _EXPLAIN if key in problem), "")
        if not message:
            message = f"invalid YAML: {problem or context}; fix the syntax here"
        elif err.context_mark is not None and ("',' or" in problem):
            message += f" (opened on line {err.context_mark.line + 1})"
    return Problem(SYNTAX, message, line, column, {"yaml": f"{context} {problem}".strip()})
