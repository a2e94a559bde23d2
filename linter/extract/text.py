"""Bytes to text: UTF-8, or a located refusal that says what the bytes look like.

Sources must be UTF-8. Real newswire often is not: Windows-1252 files, UTF-16
files with a byte order mark, and UTF-8 that holds mojibake (Windows-1252 curly
quotes read as Latin-1, so U+0093 stands where “ should; or "â€™" for ’).
Nothing is guessed silently: without ``repair`` a non-UTF-8 file is refused
with the line and column of its first bad byte and what it looks like, and
mojibake is reported as a warning; with ``repair`` (``repair-encoding = true``
or ``--repair-encoding``) the file is decoded or repaired and a note says so.
"""

from __future__ import annotations

import codecs
import re

from linter.diagnostics import line_column
from linter.extract import ExtractError, Note, require

BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
# C1 controls never occur in real text; "â€" + one more character and "Ã" + a Latin-1
# sign are the UTF-8 bytes of ’ “ ” – — é ü ... read as Windows-1252.
MOJIBAKE = re.compile("[\x80-\x9f]|â€[\u0080-\u00ff\u0152-\u2122]?|[ÃÂ][\u00a0-\u00bf]")
FIX = "re-save it as UTF-8 (e.g. iconv -f {enc} -t UTF-8), or run with --repair-encoding"


def decode(
    data: bytes, *, repair: bool, declared: str | None = None
) -> tuple[str, tuple[Note, ...]]:
    """The text of ``data`` and what was done to it (raises ``ExtractError``).

    ``declared`` is an encoding the file names itself (an HTML ``<meta charset>``).
    """
    for bom, encoding in _UTF16_BOMS:
        if data.startswith(bom):
            name = "UTF-16 (it starts with a UTF-16 byte order mark)"
            if not repair:
                raise ExtractError(f"it is {name}, not UTF-8; {FIX.format(enc='UTF-16')}")
            text = _strict(data[len(bom) :], encoding, "UTF-16")
            return _unbroken(text, repair, [Note("info", f"decoded from {name}")])
    if b"\0" in data:
        return _raise_binary(data)
    try:
        text = data.removeprefix(BOM).decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        legacy, why = _legacy(data, declared)
        if not repair or legacy is None:
            looks = f"; it looks like {legacy} ({why})" if legacy else ""
            raise ExtractError(
                f"it is not valid UTF-8 (byte 0x{data[exc.start]:02x} at line {line},"
                f" column {column}){looks}; {FIX.format(enc=legacy or 'ENCODING')}"
            ) from None
        text = _strict(data, legacy, legacy)
        note = Note(
            "info",
            f"decoded from {legacy} ({why}); its first non-UTF-8 byte is at"
            f" line {line}, column {column}",
        )
        return _unbroken(text, repair, [note])
    if not _suspect(data):
        return text, ()
    return _unbroken(text, repair, [])


def _suspect(data: bytes) -> bool:
    """Whether UTF-8 ``data`` may hold ``MOJIBAKE``, found with byte searches (the regular
    expression is ~50 times slower): every match is "â€", or holds a 0xC2 byte that
    follows "Ã"/"Â" or starts a C1 control. Real text has few 0xC2 bytes (£, °, no-break spaces)."""
    if "â€".encode() in data:
        return True
    at = data.find(b"\xc2")
    while at >= 0:
        following = data[at + 1] if at + 1 < len(data) else 0
        if 0x80 <= following <= 0x9F or data[max(at - 2, 0) : at] in (b"\xc3\x83", b"\xc3\x82"):
            return True
        at = data.find(b"\xc2", at + 1)
    return False


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ExtractError(f"it is not valid {name} either (at byte {exc.start})") from None


def _raise_binary(data: bytes) -> tuple[str, tuple[Note, ...]]:
    # UTF-16 without a byte order mark: every other byte of ASCII text is NUL.
    sample = data[:4000]
    if sample and sample.count(0) * 3 > len(sample):
        raise ExtractError(
            "it holds NUL bytes: it looks like UTF-16 without a byte order mark;"
            " re-save it as UTF-8 (e.g. iconv -f UTF-16LE -t UTF-8)"
        )
    raise ExtractError("it is a binary file (it contains NUL bytes), not text")


def _legacy(data: bytes, declared: str | None) -> tuple[str | None, str]:
    """The legacy encoding bytes that are not UTF-8 are most likely in, and why."""
    if declared:
        try:
            name = codecs.lookup(declared).name
        except LookupError:
            name = None
        if name and name not in {"utf-8", "ascii"}:
            return _display(name), "its <meta charset> declares it"
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return None, ""
    return "windows-1252", "every byte is a Windows-1252 character"


def _display(name: str) -> str:
    return {"cp1252": "windows-1252", "latin-1": "iso-8859-1", "iso8859-1": "iso-8859-1"}.get(
        name, name
    )


def _unbroken(text: str, repair: bool, notes: list[Note]) -> tuple[str, tuple[Note, ...]]:
    """``text`` with its mojibake repaired (``repair``) or reported."""
    bad = MOJIBAKE.search(text)
    if bad is None:
        return text, tuple(notes)
    line, column = line_column(text, bad.start())
    seen = repr(bad.group())[1:-1]
    if not repair:
        notes.append(
            Note(
                "warning",
                f"mojibake at line {line}, column {column} ('{seen}': UTF-8 or Windows-1252"
                " read in the wrong encoding); quotes with curly quotes, dashes or accents"
                " will not match there: run with --repair-encoding, or re-save the file",
            )
        )
        return text, tuple(notes)
    try:
        ftfy = require("ftfy", "mojibake repair")
    except ExtractError as exc:
        where = f"line {line}, column {column}"
        notes.append(Note("warning", f"mojibake at {where} not repaired: {exc}"))
        return text, tuple(notes)
    fixed = ftfy.fix_text(text, _ftfy_config(ftfy))
    count = sum(1 for _ in MOJIBAKE.finditer(text)) - sum(1 for _ in MOJIBAKE.finditer(fixed))
    notes.append(
        Note(
            "info",
            f"repaired mojibake ({count} place(s), the first at line {line}, column {column},"
            f" '{seen}') with ftfy",
        )
    )
    return fixed, tuple(notes)


def _ftfy_config(ftfy):
    """Only encoding repairs: no quote straightening, no Unicode normalization, line ends kept."""
    return ftfy.TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=False,
        fix_encoding=True,
        restore_byte_a0=True,
        replace_lossy_sequences=True,
        decode_inconsistent_utf8=True,
        fix_c1_controls=True,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_surrogates=True,
        remove_control_chars=False,
        normalization=None,
        explain=False,
    )
