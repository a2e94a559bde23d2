"""``claimlint schema``: print the registry's JSON Schema, for editors and other tools.

The schema ships in the package (``linter/registry.schema.json``); a registry
names it with a first line ``# yaml-language-server: $schema=<path or URL>``,
which editors using the YAML language server (VS Code, Neovim, Helix ...)
follow for completion and early errors. A property test keeps it and the
loader in step: what the schema accepts loads without R102, and the other way round.
"""

from __future__ import annotations

import argparse
import sys
from importlib import resources

SCHEMA_FILE = "registry.schema.json"


def schema_text() -> str:
    return resources.files("linter").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser("schema", help="print the JSON Schema of claims.yaml")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    sys.stdout.write(schema_text())
    return 0
