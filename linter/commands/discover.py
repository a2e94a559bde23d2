"""``claimlint discover [PATH ...]``: disagreements in the sources no topic registers yet.

Reads the registry's corpus (every cited source, its sibling files and the
``corpus`` globs), or the files and folders given, and prints the facts on
which documents disagree and that no topic covers (``linter.discover``). The
registry is optional when paths are given: a team with a new folder of sources
has none yet. Exit 0 when nothing is found, 1 when something is, 2 on a usage
error (no registry and no paths, a path that does not exist, a broken registry).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from linter.errors import UsageError

EXIT_OK, EXIT_FOUND = 0, 1
# linter.discover.formats.FORMATS, written out: importing the package here would slow
# every `claimlint check` (the parser is built on each run).
FORMATS = ("text", "json", "yaml", "markdown")


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser(
        "discover",
        parents=[common],
        help="find disagreements between the sources that no topic of the registry covers",
    )
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="documents or folders to read (default: the registry's corpus)",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="text (default), json, yaml (topics and claims to paste) or markdown",
    )
    parser.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to FILE")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from linter.cli import emit, registry_path, settings
    from linter.corpus import display_path
    from linter.discover import discover
    from linter.discover.formats import FORMATTERS, yaml_text
    from linter.registry import load_registry
    from linter.rules.r102_registry_schema import unknown_ignores

    config = settings(args)
    path = registry_path(args, config)
    registry = None
    if path.is_file():
        registry = load_registry(path, display_path(path))
        if any(p.code in {"R101", "R102"} for p in registry.problems) or any(
            unknown_ignores(registry)
        ):
            raise UsageError(
                f"{registry.display_path} has errors; run 'claimlint check' and fix them first"
            )
    elif args.registry or not args.paths:
        raise UsageError(
            f"no registry at {display_path(path)}; pass the documents to read"
            " (claimlint discover FOLDER) or --registry PATH"
        )
    docs, covered, rules = _inputs(args, config, registry)
    findings = discover(docs, covered, rules, taken=_topics(registry))
    if args.format == "yaml":
        ids = frozenset(c.id for c in registry.claims) if registry else frozenset()
        out = yaml_text(findings, ids)
    else:
        out = FORMATTERS[args.format](findings)
    emit(out, args.output)
    return EXIT_FOUND if findings else EXIT_OK


def _topics(registry) -> frozenset[str]:
    return frozenset(registry.topics) if registry else frozenset()


def _inputs(args: argparse.Namespace, config, registry):
    """The documents to read, the quotes of topic claims per document, and the alias rules."""
    from linter.corpus import load_corpus
    from linter.discover import Doc, corpus_docs, registry_inputs
    from linter.facts.analysis import published_of
    from linter.facts.variants import Rules

    if not args.paths:
        docs = corpus_docs(registry, load_corpus(registry, config))
    else:
        root = registry.root if registry is not None else Path.cwd()
        docs = []
        for file, key, display in _files(args.paths, root):
            try:
                text = file.read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError) as exc:
                print(f"claimlint: {display}: not read: {exc}", file=sys.stderr)
                continue
            published = published_of(registry, key) if registry is not None else None
            docs.append(Doc(key, display, text, published))
    if registry is None:
        return docs, {}, Rules()
    covered, rules = registry_inputs(registry, docs)
    return docs, covered, rules


def _files(paths: list[str], root: Path) -> list[tuple[Path, str, str]]:
    """The text files named or under the folders named, each with its key and display path."""
    import os

    from linter.corpus import TEXT_SUFFIXES, display_path

    found: dict[str, tuple[Path, str, str]] = {}
    for given in paths:
        path = Path(given)
        if not path.exists():
            raise UsageError(f"{given}: no such file or folder")
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.suffix.lower() in TEXT_SUFFIXES)
        else:
            files = [path]
        for file in files:
            if not file.is_file():
                continue
            absolute = file.absolute()
            try:
                key = Path(os.path.relpath(absolute, root.absolute())).as_posix()
            except ValueError:
                key = absolute.as_posix()
            found.setdefault(key, (file, key, display_path(absolute)))
    return [found[k] for k in sorted(found)]
