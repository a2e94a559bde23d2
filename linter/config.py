"""Settings from ``[tool.claimlint]`` in pyproject.toml, overridden by the command line.

Unknown keys are refused with a did-you-mean: a typo in configuration that
silently did nothing would be the worst kind of false confidence.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from linter.errors import UsageError
from linter.suggest import closest

DEFAULT_THRESHOLD = 0.8


@dataclass(frozen=True)
class Config:
    registry: str = "claims.yaml"
    # Extra corpus globs, relative to the registry's folder; every cited source and every
    # text file beside one (when ``corpus_siblings``) is always part of the corpus.
    corpus: tuple[str, ...] = ()
    corpus_siblings: bool = True
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    threshold: float = DEFAULT_THRESHOLD
    cache: bool = True
    origin: str | None = field(default=None, compare=False)  # the file the settings came from

    def with_overrides(self, **changes: Any) -> Config:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


_KEYS = {f.name.replace("_", "-"): f.name for f in fields(Config) if f.name != "origin"}


def find_pyproject(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def load_config(start: Path, explicit: Path | None = None) -> Config:
    """Read ``[tool.claimlint]`` from ``explicit`` or the nearest pyproject.toml."""
    path = explicit or find_pyproject(start)
    if path is None:
        return Config()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise UsageError(f"{path}: cannot read configuration: {exc.strerror or exc}") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: invalid TOML: {exc}; fix the file or pass --config") from exc
    table = data.get("tool", {}).get("claimlint")
    if table is None:
        return Config(origin=str(path))
    if not isinstance(table, dict):
        raise UsageError(f"{path}: [tool.claimlint] must be a table")
    return parse_table(table, str(path))


def parse_table(table: dict[str, Any], origin: str) -> Config:
    values: dict[str, Any] = {}
    for key, raw in table.items():
        name = _KEYS.get(key) or _KEYS.get(key.replace("_", "-"))
        if name is None:
            hint = closest(key, _KEYS)
            suggestion = f"; did you mean '{hint}'?" if hint else ""
            known = ", ".join(sorted(_KEYS))
            raise UsageError(
                f"{origin}: unknown key '{key}' in [tool.claimlint]{suggestion} (known: {known})"
            )
        values[name] = _coerce(name, raw, origin, key)
    return Config(origin=origin, **values)


def _coerce(name: str, raw: Any, origin: str, key: str) -> Any:
    where = f"{origin}: [tool.claimlint] {key}"
    if name in {"corpus", "select", "ignore"}:
        if isinstance(raw, str):
            raw = [raw]
        if not isinstance(raw, list) or not all(isinstance(x, str) for x in raw):
            raise UsageError(f"{where} must be a list of strings")
        return tuple(raw)
    if name in {"corpus_siblings", "cache"}:
        if not isinstance(raw, bool):
            raise UsageError(f"{where} must be true or false")
        return raw
    if name == "threshold":
        return check_threshold(raw, where)
    if not isinstance(raw, str) or not raw:
        raise UsageError(f"{where} must be a non-empty string")
    return raw


def check_threshold(raw: Any, where: str) -> float:
    if isinstance(raw, bool) or not isinstance(raw, int | float) or not 0 < raw <= 1:
        raise UsageError(f"{where} must be a number between 0 and 1 (e.g. 0.8), got {raw!r}")
    return float(raw)
