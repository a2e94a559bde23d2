"""``claimlint init``: a starter registry, its schema for editors, and a config file.

Writes ``claims.yaml`` (an empty ``claims:`` list and a commented example),
``claims.schema.json`` (what ``claimlint schema`` prints, named by the
registry's ``# yaml-language-server: $schema=`` line so editors complete and
check it offline) and ``claimlint.toml`` (the default settings, spelled out).
An existing file is never overwritten.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from linter.errors import UsageError

REGISTRY = "claims.yaml"
SCHEMA = "claims.schema.json"
CONFIG = "claimlint.toml"

STARTER_REGISTRY = f"""\
# yaml-language-server: $schema={SCHEMA}
# Each claim quotes a span of the source document it cites; `claimlint check`
# proves every quote is there. Add one with:
#   claimlint add path/to/source.txt "words from it"
#
# claims:
#   - id: talks-held                   # a unique lower-case slug
#     source: sources/article.txt      # relative to this file
#     quote: Russia hosted the talks   # the source's words
claims: []
"""

STARTER_CONFIG = """\
# claimlint settings (keys at the top level; `claimlint check --show-settings` shows them all).
registry = "claims.yaml"
# select = ["ALL"]         # codes or prefixes to report
# ignore = []              # codes or prefixes never to report
# fail-on = "warning"      # "error": warnings are reported but do not fail the run
# threshold = 0.8          # similarity below which a quote is not found
"""


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser("init", help="write a starter claims.yaml and claimlint.toml here")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from linter.commands.schema import schema_text
    from linter.fsutil import write_atomic

    files = {REGISTRY: STARTER_REGISTRY, SCHEMA: schema_text(), CONFIG: STARTER_CONFIG}
    existing = [name for name in files if Path(name).exists()]
    if existing:
        raise UsageError(
            f"{', '.join(existing)} already exist{'s' if len(existing) == 1 else ''};"
            " claimlint init writes nothing over an existing file"
        )
    for name, text in files.items():
        try:
            write_atomic(Path(name), text)
        except OSError as exc:
            raise UsageError(f"cannot write {name}: {exc.strerror or exc}") from exc
    print(f'Wrote {", ".join(files)}. Next: claimlint add SOURCE "words from it"')
    return 0
