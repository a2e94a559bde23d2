"""Settings, found as ruff finds its own, overridden by the command line.

In each folder from the working directory up, the first of ``.claimlint.toml``,
``claimlint.toml`` (keys at the top level) and a ``pyproject.toml`` that has a
``[tool.claimlint]`` table is the configuration. ``--config`` names one of
these directly. Unknown keys, keys in the wrong place (a ``[tool.claimlint]``
table in ``claimlint.toml``, top-level keys in ``pyproject.toml``) and files of
another kind are refused with a plain message: a setting that silently did
nothing would be the worst kind of false confidence.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from linter.errors import UsageError
from linter.escape import UNSAFE, visible
from linter.extract import DEFAULT_FORMATS, FORMATS
from linter.fsutil import NotRegularFile, open_regular
from linter.selection import Layer, enabled
from linter.suggest import closest

DEFAULT_THRESHOLD = 0.8
MAX_CONFIG_BYTES = 1024 * 1024  # a settings file is a few hundred bytes
_DRIVE = re.compile(r"[A-Za-z]:")
CONFIG_FILES = (".claimlint.toml", "claimlint.toml")  # keys at the top level
PYPROJECT = "pyproject.toml"  # keys in [tool.claimlint]
FAIL_LEVELS = ("error", "warning")
DEFAULT_FAIL_ON = "warning"  # errors and warnings fail the run; infos never do


@dataclass(frozen=True)
class Config:
    registry: str = "claims.yaml"
    # Extra corpus globs, relative to the registry's folder; every cited source and every
    # text file beside one (when ``corpus_siblings``) is always part of the corpus.
    corpus: tuple[str, ...] = ()
    corpus_siblings: bool = True
    # Which formats of file beside a cited source (or matched by ``corpus``) join the corpus.
    corpus_formats: tuple[str, ...] = DEFAULT_FORMATS
    # Decode declared legacy encodings and repair mojibake in sources (always with a note).
    repair_encoding: bool = False
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    extend_ignore: tuple[str, ...] = ()
    fail_on: str = DEFAULT_FAIL_ON
    threshold: float = DEFAULT_THRESHOLD
    cache: bool = True
    # ``--select``/``--ignore``/``--extend-*``: applied after the file's, as ruff does.
    command_line: tuple[Layer, ...] = ()
    origin: str | None = field(default=None, compare=False)  # the file the settings came from

    def with_overrides(self, **changes: Any) -> Config:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    @property
    def selection(self) -> tuple[Layer, ...]:
        """The file's selectors (an empty ``select``: every rule), then the command line's."""
        here = Layer(
            select=self.select or None,
            ignore=self.ignore,
            extend_select=self.extend_select,
            extend_ignore=self.extend_ignore,
        )
        return (here, *self.command_line)


_KEYS = {
    f.name.replace("_", "-"): f.name
    for f in fields(Config)
    if f.name not in {"origin", "command_line"}
}


def find_config(start: Path) -> Path | None:
    """The nearest configuration file from ``start`` up, as ruff looks for its own."""
    for folder in (start, *start.parents):
        for name in CONFIG_FILES:
            if (folder / name).is_file():
                return folder / name
        candidate = folder / PYPROJECT
        if (
            candidate.is_file()
            and _read_toml(candidate).get("tool", {}).get("claimlint") is not None
        ):
            return candidate
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with open_regular(path) as handle:  # never a pipe that blocks, nor a device
            data = handle.read(MAX_CONFIG_BYTES + 1)
    except NotRegularFile as exc:
        raise UsageError(f"{path}: {exc.strerror}; name the settings file itself") from exc
    except OSError as exc:
        raise UsageError(f"{path}: cannot read configuration: {exc.strerror or exc}") from exc
    if len(data) > MAX_CONFIG_BYTES:
        raise UsageError(
            f"{path}: over {MAX_CONFIG_BYTES // 1024} KB, too big for a settings file;"
            " check it is the right file"
        )
    try:
        return tomllib.loads(data.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: invalid TOML: {exc}; fix the file or pass --config") from exc
    except RecursionError:  # tomllib recurses once per nested array or inline table
        raise UsageError(
            f"{path}: arrays or tables nested too deeply; a settings file needs two levels"
        ) from None


def load_config(start: Path, explicit: Path | None = None) -> Config:
    """Settings from ``explicit`` (``--config``) or the nearest configuration file."""
    if explicit is not None:
        if explicit.is_dir():
            raise UsageError(
                f"--config {explicit}: is a folder; name the file ({', '.join(CONFIG_FILES)}"
                f" or {PYPROJECT})"
            )
        if not explicit.exists():
            raise UsageError(f"--config {explicit}: no such file")
        if not explicit.is_file():
            raise UsageError(
                f"--config {explicit}: not a regular file (a pipe, device or socket);"
                " name the settings file itself"
            )
        if explicit.suffix != ".toml":
            raise UsageError(
                f"--config {explicit}: not a claimlint configuration; use claimlint.toml,"
                f" .claimlint.toml or {PYPROJECT} (TOML)"
            )
    path = explicit or find_config(start)
    if path is None:
        return Config()
    data = _read_toml(path)
    if path.name == PYPROJECT:
        table = data.get("tool", {}).get("claimlint")
        stray = sorted(k for k in data if _name(k))
        if table is None:
            where = f"; move {', '.join(stray)} into [tool.claimlint]" if stray else ""
            raise UsageError(f"{path}: no [tool.claimlint] table{where}")
        if not isinstance(table, dict):
            raise UsageError(f"{path}: [tool.claimlint] must be a table")
        return parse_table(table, str(path), "[tool.claimlint]")
    if "tool" in data and isinstance(data["tool"], dict) and "claimlint" in data["tool"]:
        raise UsageError(
            f"{path}: [tool.claimlint] belongs in {PYPROJECT}; in {path.name} write the keys"
            ' at the top level (e.g. select = ["Q"])'
        )
    return parse_table(data, str(path), path.name)


def _name(key: str) -> str | None:
    return _KEYS.get(key) or _KEYS.get(key.replace("_", "-"))


def parse_table(table: dict[str, Any], origin: str, section: str = "[tool.claimlint]") -> Config:
    values: dict[str, Any] = {}
    for key, raw in table.items():
        name = _name(key)
        if name is None:
            hint = closest(key, _KEYS)
            suggestion = f"; did you mean '{hint}'?" if hint else ""
            known = ", ".join(sorted(_KEYS))
            raise UsageError(
                f"{origin}: unknown key '{key}' in {section}{suggestion} (known: {known})"
            )
        values[name] = _coerce(name, raw, f"{origin}: {section} {key}")
    return Config(origin=origin, **values)


def _coerce(name: str, raw: Any, where: str) -> Any:
    if name in {"corpus", "select", "ignore", "extend_select", "extend_ignore"}:
        if isinstance(raw, str):
            raw = [raw]
        if not isinstance(raw, list) or not all(isinstance(x, str) for x in raw):
            raise UsageError(f"{where} must be a list of strings")
        if name == "corpus":
            return tuple(corpus_glob(pattern, where) for pattern in raw)
        return tuple(raw)
    if name == "corpus_formats":
        return check_formats(raw, where)
    if name in {"corpus_siblings", "cache", "repair_encoding"}:
        if not isinstance(raw, bool):
            raise UsageError(f"{where} must be true or false")
        return raw
    if name == "threshold":
        return check_threshold(raw, where)
    if name == "fail_on":
        return check_fail_on(raw, where)
    if not isinstance(raw, str) or not raw:
        raise UsageError(f"{where} must be a non-empty string")
    return raw


def corpus_glob(pattern: str, where: str) -> str:
    """A ``corpus`` glob that stays inside the registry's folder, written plainly.

    Refused, as a cited source would be (S102): an absolute path, a ``..`` that
    climbs out, a control character (a NUL cannot be in a file name). Repeated
    ``**`` are one (each would walk the whole tree again from every match).
    """
    shown = visible(pattern)
    bad = UNSAFE.search(pattern)
    if bad is not None:
        raise UsageError(
            f"{where}: pattern '{shown}' holds control character U+{ord(bad.group()):04X};"
            " remove it"
        )
    if pattern.startswith(("/", "\\")) or _DRIVE.match(pattern):
        raise UsageError(
            f"{where}: pattern '{shown}' is an absolute path; corpus globs are relative to"
            " the registry's folder (copy the documents into it)"
        )
    parts = re.split(r"[/\\]+", pattern)
    if ".." in parts:
        raise UsageError(
            f"{where}: pattern '{shown}' climbs out of the registry's folder with '..';"
            " corpus globs are relative to the registry's folder"
        )
    kept: list[str] = []
    for part in parts:
        if part in ("", ".") or (part == "**" and kept[-1:] == ["**"]):
            continue
        if "**" in part and part != "**":
            raise UsageError(
                f"{where}: pattern '{shown}': '**' must be a whole path component"
                " (as in 'archive/**/*.txt')"
            )
        kept.append(part)
    if not kept:
        raise UsageError(
            f"{where}: pattern '{shown}' names no files; write a glob such as 'archive/**/*.txt'"
        )
    return "/".join(kept)


def check_formats(raw: Any, where: str) -> tuple[str, ...]:
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list) or not all(isinstance(x, str) for x in raw):
        raise UsageError(f'{where} must be a list of strings (e.g. ["text", "html"])')
    for value in raw:
        if value not in FORMATS:
            hint = closest(value, FORMATS)
            suggestion = f"; did you mean '{hint}'?" if hint else ""
            raise UsageError(
                f"{where}: unknown format '{value}'{suggestion} (known: {', '.join(FORMATS)})"
            )
    return tuple(raw)


def check_threshold(raw: Any, where: str) -> float:
    if isinstance(raw, bool) or not isinstance(raw, int | float) or not 0 < raw <= 1:
        raise UsageError(f"{where} must be a number between 0 and 1 (e.g. 0.8), got {raw!r}")
    return float(raw)


def check_fail_on(raw: Any, where: str) -> str:
    if raw not in FAIL_LEVELS:
        raise UsageError(f"{where} must be one of {', '.join(FAIL_LEVELS)}, got {raw!r}")
    return raw


def show_settings(config: Config, codes: Iterable[str] | None = None) -> str:
    """``check --show-settings``: the resolved settings, as TOML a user could copy."""
    lines = [f"# settings from {config.origin or 'defaults (no configuration file found)'}"]
    shown = replace(config, command_line=())
    for layer in config.command_line:  # the command line's selectors, written into the file's
        shown = replace(
            shown,
            select=shown.select if layer.select is None else layer.select,
            ignore=(*shown.ignore, *layer.ignore) if layer.select is None else layer.ignore,
            extend_select=(*shown.extend_select, *layer.extend_select),
            extend_ignore=(*shown.extend_ignore, *layer.extend_ignore),
        )
    for f in fields(Config):
        if f.name in {"origin", "command_line"}:
            continue
        value = getattr(shown, f.name)
        lines.append(f"{f.name.replace('_', '-')} = {_toml(value)}")
    if codes is not None:
        lines.append(f"# rules that run: {', '.join(sorted(enabled(codes, config.selection)))}")
    return "\n".join(lines) + "\n"


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return repr(value)
