"""The discrepancy report: ``claimlint report [--format markdown|html|json]``.

Gathering (``build``) is kept apart from the three pure renderers, so every
format shows the same counts, order and context.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from linter.diagnostics import Diagnostic
from linter.errors import UsageError
from linter.report import html, json, markdown
from linter.report.build import build
from linter.report.model import Report

if TYPE_CHECKING:
    from linter.context import Context

RENDERERS: dict[str, Callable[[Report], str]] = {
    "markdown": markdown.render,
    "html": html.render,
    "json": json.render,
}
FORMATS = tuple(RENDERERS)


def render(ctx: Context, fmt: str, diagnostics: Sequence[Diagnostic]) -> str:
    """The report on ``ctx`` in format ``fmt``, listing the quote problems among ``diagnostics``."""
    renderer = RENDERERS.get(fmt)
    if renderer is None:
        raise UsageError(f"unknown report format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    return renderer(build(ctx, diagnostics))
