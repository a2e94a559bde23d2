"""What discovery reads from documents and what it reports: plain data, no behaviour."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from linter.extract import Place as FilePlace


@dataclass(frozen=True, slots=True)
class Doc:
    """A document of the corpus: its key (as ``sources:`` names it), text and date if known.

    ``locate`` maps an offset of ``text`` to its place in the file (a web page's
    line and column, a PDF's page and line, a Word paragraph), as ``check``
    reports it; without it, lines of ``text`` are counted (a plain text file).
    """

    key: str
    display: str
    text: str
    published: str | None = None
    locate: Callable[[int], FilePlace] | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Sentence:
    doc: str  # the document's key
    start: int  # offsets in the document's text
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Amount:
    """A number with what it counts: "representatives from seven nations" -> 7 nations."""

    sentence: Sentence
    start: int  # the number as written, offsets in the document
    end: int
    written: str  # "seven", "17-year", "five-man"
    low: float | None
    high: float | None
    display: str  # "7", "between 600,000 and 1,500,000"
    kind: str  # count | quantity | duration
    noun: str  # the counted noun, normalized ("country"; "war" for a duration)
    noun_written: str  # as written ("nations")
    unit: str  # "person" for five-man/five-person, "year", "mln dlrs", "" for none
    modifiers: frozenset[str]  # capitalized words of the noun phrase ("soviet")
    complement: str  # the noun of an "of" phrase: "members of the Council" -> "council"
    subject: frozenset[str]  # content words just before the number ("representatives")
    context: frozenset[str]  # content words of the sentence, number phrase left out
    names: frozenset[str] = frozenset()  # the words of the sentence's names ("moscow")
    dates: frozenset[str] = frozenset()  # the dates and weekdays the sentence gives
    values: frozenset[str] = frozenset()  # every number the sentence gives, as displayed
    published: str | None = None  # the document's publication date, where known
    figure: str = ""  # the number as written, without its noun ("4,023,200", "0.077")


@dataclass(frozen=True, slots=True)
class Place:
    """One mention of a finding's value: where it is, as a person checks it."""

    doc: str
    display: str  # the document as diagnostics name it
    line: int
    column: int
    sentence: str  # the sentence, whitespace collapsed, as shown
    quote: str  # the sentence exactly as the source writes it (a claim's quote)
    written: str  # the value as written ("seven nations")
    published: str | None
    # "page 2, line 3, column 5" (PDF), "paragraph 4, column 1" (Word): as ``check`` says it;
    # empty where line:column is the place (text, web pages).
    label: str = ""
    page: int | None = None
    paragraph: int | None = None

    def where_line(self) -> str:
        """The place without its column, for tables: ``path:line``, ``path (page 2, line 3)``,
        ``path (paragraph 4)``."""
        if not self.label:
            return f"{self.display}:{self.line}"
        return f"{self.display} ({self.label.rsplit(', column ', 1)[0]})"

    def where(self) -> str:
        """The place for people: ``path:line:column`` or ``path (page 2, line 3, column 5)``."""
        return (
            f"{self.display} ({self.label})"
            if self.label
            else f"{self.display}:{self.line}:{self.column}"
        )


@dataclass(frozen=True, slots=True)
class Value:
    display: str  # "7", "Stanikzai"
    places: tuple[Place, ...]
    low: float | None = None
    high: float | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    """Documents disagreeing about one fact no topic of the registry covers."""

    kind: str  # count | quantity | duration | name
    fact: str  # what the values are of: "nations", "year(s) of war", "spelling of Stanekzai"
    values: tuple[Value, ...]
    why: str  # why the mentions are thought to be about one fact
    topic: str  # a topic name to register it under (a slug)


@dataclass(frozen=True, slots=True)
class Statement:
    """What one sentence says about a subject that is no number: a title, a role, a date, ...

    ``subject`` is the comparison key of what it is about ("khalilzad", "united states",
    "taliban political"), ``value`` that of what it says ("envoy", "observer"); two
    documents disagree when they say different values of one subject.
    """

    sentence: Sentence
    start: int  # what is quoted as the value, offsets in the document
    end: int
    kind: str  # title | role | date | body | frequency | first
    subject: str
    shown: str  # the subject for people ("Zalmay Khalilzad", "the United States")
    value: str
    display: str  # the value for people ("special envoy", "an observer", "2018-11-09")
    words: frozenset[str]  # content words of the sentence, for "about one event"
    low: float | None = None  # dates (ordinal days) and how often (times): an interval
    high: float | None = None
    person: tuple[str, ...] = ()  # a title's holder, the comparison forms of the name's words
    published: str | None = None
    # a date's days as if in one leap year: compared when either year is not known
    in_year: tuple[int, int] | None = None
    what: str = ""  # a role: what the party takes part in ("event", "pact"; "" not said)
    alone: bool = False  # a role said of one party only ("Only Pakistan has confirmed")
    names: frozenset[str] = frozenset()  # a date's sentence: the words of its names
    figures: frozenset[str] = frozenset()  # and the numbers it gives besides the date
