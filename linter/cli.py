"""The command line: parse arguments, call the core, print, pick the exit code.

Exit codes (as ruff): 0 nothing to report, 1 an error or warning was found,
2 usage, configuration or I/O problem. Everything interesting lives elsewhere.
"""

from __future__ import annotations

import argparse
import importlib
import os
import stat
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from linter import __version__
from linter.errors import UsageError
from linter.escape import visible
from linter.selection import Layer
from linter.suggest import closest

if TYPE_CHECKING:
    from linter.checker import CheckResult
    from linter.config import Config

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as a shell reports a command stopped by Ctrl-C
REGISTRY_SUFFIXES = (".yaml", ".yml")
TEXT_FORMATS = ("full", "concise")  # ``text`` is kept as another name for ``full``
# Subcommands that live in their own modules: each has register(subparsers) and run(args).
COMMANDS = (
    "linter.commands.add",
    "linter.commands.init",
    "linter.commands.schema",
    "linter.commands.discover",
)


def _codes(value: str) -> list[str]:
    return [part for part in (p.strip() for p in value.split(",")) if part]


class _Parser(argparse.ArgumentParser):
    """argparse, with the arguments it echoes in messages made safe (``linter.escape``)."""

    def _print_message(self, message: str, file=None) -> None:
        super()._print_message(visible(message, keep_newlines=True), file)


def build_parser() -> argparse.ArgumentParser:
    from linter.config import FAIL_LEVELS
    from linter.formatters import FORMATS

    parser = _Parser(
        prog="claimlint",
        description="Check that every quote in a claims registry is in the source it cites."
        " With no command (or only check's options), runs check.",
    )
    parser.add_argument("--version", action="version", version=f"claimlint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="[COMMAND]")

    common = _Parser(add_help=False)
    common.add_argument(
        "--registry", metavar="PATH", help="the claims registry (default: claims.yaml)"
    )
    common.add_argument(
        "--config",
        metavar="PATH",
        type=Path,
        help="settings file: claimlint.toml, .claimlint.toml or pyproject.toml"
        " (default: the nearest one, from here up)",
    )
    common.add_argument(
        "--threshold",
        type=float,
        metavar="X",
        help="similarity 0-1 below which a quote is not found (default 0.8)",
    )
    common.add_argument(
        "--no-cache", action="store_true", help="do not read or write the cache of prepared sources"
    )
    common.add_argument(
        "--repair-encoding",
        action="store_true",
        help="decode Windows-1252 and UTF-16 sources and repair mojibake (each one reported, S104)",
    )

    check = sub.add_parser(
        "check",
        parents=[common],
        help="check the registry (the default job: a bare 'claimlint' runs it)",
    )
    check.add_argument(
        "files",
        nargs="*",
        metavar="FILE",
        help="only claims in this registry or citing these sources (as pre-commit passes them)",
    )
    check.add_argument(
        "--output-format",
        "--format",
        dest="format",
        choices=[*TEXT_FORMATS, *sorted(FORMATS)],
        default="full",
        help="full (default: each problem with its source text and diff), concise (one line"
        " a problem), or a machine format",
    )
    check.add_argument("-o", "--output", metavar="FILE", type=Path, help="write the output to FILE")
    loud = check.add_mutually_exclusive_group()
    loud.add_argument(
        "-q", "--quiet", action="store_true", help="print the problems only, no summary"
    )
    loud.add_argument("-v", "--verbose", action="store_true", help="also print infos")
    check.add_argument(
        "--show-infos",
        action="store_true",
        help="print info-level findings (acknowledged discrepancies); they are always counted",
    )
    check.add_argument(
        "--statistics", action="store_true", help="print a count per code instead of the problems"
    )
    check.add_argument(
        "--show-settings", action="store_true", help="print the settings in effect and exit"
    )
    check.add_argument(
        "--fail-on",
        choices=FAIL_LEVELS,
        help="the lowest severity that fails the run (default: warning; infos never fail)",
    )
    check.add_argument(
        "--select",
        type=_codes,
        metavar="CODES",
        help="only these codes or prefixes, comma-separated (e.g. Q,S101)",
    )
    check.add_argument(
        "--ignore", type=_codes, metavar="CODES", help="never these codes or prefixes"
    )
    check.add_argument(
        "--extend-select", type=_codes, metavar="CODES", help="add to the selected codes"
    )
    check.add_argument(
        "--extend-ignore", type=_codes, metavar="CODES", help="add to the ignored codes"
    )
    check.add_argument(
        "--exit-zero", action="store_true", help="exit 0 even when problems are found"
    )
    check.add_argument(
        "--diff-base",
        metavar="REF",
        help="report only claims touched since git REF (and conflicts involving them)",
    )
    check.add_argument(
        "--pre-commit",
        action="store_true",
        help="FILEs are changed files (as pre-commit passes them): check only if the registry,"
        " a cited source or a corpus file is among them",
    )
    check.add_argument(
        "--fix", action="store_true", help="rewrite Q102 quotes with the source's exact words"
    )
    check.add_argument(
        "--diff",
        action="store_true",
        help="with or without --fix: show the fixes as a diff, write nothing",
    )

    report = sub.add_parser("report", parents=[common], help="write the discrepancy report")
    report.add_argument("--format", choices=["markdown", "html", "json"], default="markdown")
    report.add_argument(
        "-o", "--output", metavar="FILE", type=Path, help="write the report to FILE"
    )

    rule = sub.add_parser("rule", help="print a rule's documentation")
    rule.add_argument(
        "code", metavar="CODE", help="a rule code (Q103) or name (quote-meaning-changed)"
    )
    rules = sub.add_parser("rules", help="list every rule")
    rules.add_argument(
        "--table", action="store_true", help="as the Markdown table of the README's Rules section"
    )
    for name in COMMANDS:
        importlib.import_module(name).register(sub, common)
    return parser


def with_default_command(argv: Sequence[str]) -> list[str]:
    """A bare ``claimlint`` (or one given only check's options) runs ``check``."""
    args = list(argv)
    if not args or (args[0].startswith("-") and args[0] not in {"-h", "--help", "--version"}):
        return ["check", *args]
    return args


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _main(argv)
    except KeyboardInterrupt:  # Ctrl-C: stop quietly (workers and temporary files are gone)
        return EXIT_INTERRUPTED


def _main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(with_default_command(sys.argv[1:] if argv is None else argv))
    try:
        if hasattr(args, "run"):
            return args.run(args)
        if args.command == "rule":
            return cmd_rule(args.code)
        if args.command == "rules":
            return cmd_rules(table=args.table)
        if args.command == "report":
            return cmd_report(args)
        if args.command == "check":
            return cmd_check(args)
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    except UsageError as exc:
        print(f"claimlint: error: {visible(str(exc), keep_newlines=True)}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_FINDINGS


def cmd_rule(key: str) -> int:
    from linter.rules import all_rules, by_name_or_code

    rule = by_name_or_code(key)
    if rule is None:
        names = [*all_rules(), *(r.name for r in all_rules().values())]
        hint = closest(key, names)
        suggestion = f"; did you mean '{hint}'?" if hint else ""
        raise UsageError(f"no rule '{key}'{suggestion} (run 'claimlint rules' to list them)")
    print(f"{rule.code} {rule.name} (default severity: {rule.severity})\n\n{rule.doc}")
    return EXIT_OK


def cmd_rules(*, table: bool = False) -> int:
    from linter.rules import all_rules, markdown_table

    if table:
        print(markdown_table(), end="")
        return EXIT_OK
    for rule in all_rules().values():
        print(f"{rule.code}  {rule.name:<24} {rule.severity:<8} {rule.summary}")
    return EXIT_OK


def settings(args: argparse.Namespace) -> Config:
    """The configuration file's settings with the command line's on top."""
    from linter.config import check_threshold, load_config

    config = load_config(Path.cwd(), args.config)
    overrides = {
        "threshold": check_threshold(args.threshold, "--threshold")
        if args.threshold is not None
        else None,
        "command_line": _command_line_selection(args),
        "fail_on": getattr(args, "fail_on", None),
        "cache": False if args.no_cache else None,
        "repair_encoding": True if getattr(args, "repair_encoding", False) else None,
    }
    return config.with_overrides(**overrides)


def registry_path(
    args: argparse.Namespace, config: Config, registry_arg: str | None = None
) -> Path:
    cwd = Path.cwd()
    if registry_arg or args.registry:
        path = Path(registry_arg or args.registry)
    else:
        base = Path(config.origin).parent if config.origin else cwd
        path = base / config.registry
    return path if path.is_absolute() else cwd / path


def load(
    args: argparse.Namespace, *, registry_arg: str | None = None, progress=None, registry=None
):
    """Settings, registry, corpus: everything a command needs, as a Context.

    ``registry`` is one already loaded (by the pre-commit hook's relevance test).
    """
    from linter.context import Context
    from linter.corpus import display_path, load_corpus
    from linter.registry import load_registry

    config = settings(args)
    path = registry_path(args, config, registry_arg)
    if registry is None:
        registry = load_registry(path, display_path(path, Path.cwd()))
    on_read = None
    if progress is not None:
        claims = len(registry.claims)

        def on_read(count: int) -> None:
            progress.update(f"{claims} claims: {count} documents read")

    corpus = load_corpus(registry, config, on_read)
    return Context(registry=registry, corpus=corpus, config=config)


def checked(ctx, only: set[str] | None, progress) -> CheckResult:
    """``checker.check`` with its progress on standard error (a terminal only)."""
    from linter import checker

    claims, documents = len(ctx.registry.claims), len(ctx.corpus.documents)

    def on_rule(code: str, index: int, count: int) -> None:
        progress.update(
            f"{documents} documents read; checking {claims} claims: rule {code}"
            f" ({index + 1}/{count})",
            force=True,
        )

    def on_verified(done: int, total: int) -> None:
        progress.update(f"{documents} documents read; {done}/{total} claims checked", force=True)

    if progress.enabled:
        ctx.on_verified = on_verified

    try:
        return checker.check(ctx, only_claims=only, on_rule=on_rule)
    finally:
        progress.done()


def _command_line_selection(args: argparse.Namespace) -> tuple[Layer, ...] | None:
    """``--select``/``--ignore``/``--extend-*`` as one layer over the file's (none given: None)."""
    given = {
        key: getattr(args, key, None)
        for key in ("select", "ignore", "extend_select", "extend_ignore")
    }
    if all(v is None for v in given.values()):
        return None
    select = given.pop("select")
    return (
        Layer(
            select=tuple(select) if select is not None else None,
            **{k: tuple(v or ()) for k, v in given.items()},
        ),
    )


def split_files(files: list[str]) -> tuple[str | None, list[str]]:
    """Pre-commit passes file names: a registry (YAML) and/or sources."""
    registries = sorted({f for f in files if f.lower().endswith(REGISTRY_SUFFIXES)})
    if len(registries) > 1:
        raise UsageError(f"pass one registry at a time, got {', '.join(registries)}")
    return (registries[0] if registries else None), [
        f for f in files if not f.lower().endswith(REGISTRY_SUFFIXES)
    ]


def cmd_check(args: argparse.Namespace) -> int:
    from linter import terminal

    if args.pre_commit:
        return check_for_pre_commit(args)
    registry_file, source_files = split_files(args.files)
    if (
        registry_file
        and args.registry
        and Path(registry_file).resolve() != Path(args.registry).resolve()
    ):
        raise UsageError(
            f"'{registry_file}' and --registry {args.registry} name different registries"
        )
    if args.show_settings:
        from linter.config import show_settings
        from linter.rules import all_rules

        sys.stdout.write(show_settings(settings(args), all_rules()))
        return EXIT_OK
    progress = terminal.Progress()
    ctx = load(args, registry_arg=registry_file, progress=progress)
    only = touched(ctx, args, registry_file, source_files)
    result = checked(ctx, only, progress)
    if args.fix or args.diff:
        changed = apply_fixes(ctx, result, write=args.fix and not args.diff)
        if args.diff:
            return EXIT_FINDINGS if changed else EXIT_OK
        if changed:
            ctx = load(args, registry_arg=registry_file, progress=progress)
            result = checked(ctx, only, progress)
    return print_result(result, args, ctx)


def print_result(result, args: argparse.Namespace, ctx) -> int:
    """Write the diagnostics in the chosen format; the exit code they call for."""
    emit(render_check(result, args), args.output, ctx)
    return EXIT_FINDINGS if result.failed() and not args.exit_zero else EXIT_OK


def check_for_pre_commit(args: argparse.Namespace) -> int:
    """The hook: every changed file comes in, and the registry says which ones matter."""
    from linter import hook, terminal

    if args.fix or args.diff or args.diff_base is not None:
        raise UsageError("--pre-commit cannot be combined with --fix, --diff or --diff-base")
    registry, scope = hook.target(args.files, args.registry, settings(args), Path.cwd())
    if not scope.relevant:
        return EXIT_OK
    progress = terminal.Progress()
    ctx = load(args, registry_arg=str(registry.path), progress=progress, registry=registry)
    return print_result(checked(ctx, scope.only, progress), args, ctx)


def render_check(result, args: argparse.Namespace) -> str:
    """The check's output in the chosen format; text is shaped for where it goes."""
    from linter import terminal
    from linter.formatters import get, text

    if args.format not in (*TEXT_FORMATS, "text"):
        if args.statistics:
            raise UsageError(f"--statistics prints text; drop it or --output-format {args.format}")
        return get(args.format)(result)
    to_terminal = args.output is None
    options = text.TextOptions(
        concise=args.format == "concise",
        show_infos=args.show_infos or args.verbose,
        quiet=args.quiet,
        color=to_terminal and terminal.use_color(sys.stdout),
        width=terminal.width(sys.stdout) if to_terminal else text.TextOptions.width,
    )
    if args.statistics:
        return text.statistics(result) + ("" if args.quiet else text.summary_line(result) + "\n")
    return text.render(result, options)


def touched(
    ctx, args: argparse.Namespace, registry_file: str | None, source_files: list[str]
) -> set[str] | None:
    """Claim ids to report on, or None for all (``--diff-base`` and file arguments)."""
    if args.diff_base is None and not source_files:
        return None
    from linter import gitdiff

    only: set[str] | None = None
    if args.diff_base is not None:
        only = gitdiff.touched_claims(ctx.registry, args.diff_base, Path.cwd())
    if source_files and registry_file is None:
        by_path = gitdiff.claims_for_paths(ctx.registry, source_files, Path.cwd())
        if by_path is not None:
            only = by_path if only is None else only & by_path
    return only


def apply_fixes(ctx, result, *, write: bool) -> bool:
    """Plan ``--fix`` edits; print them as a diff or write them. True when anything changes."""
    from linter import fix
    from linter.fsutil import write_atomic

    edits = fix.plan_fixes(ctx.registry, result.diagnostics, ctx.corpus.texts())
    if not edits:
        return False
    old = ctx.registry.text
    new = fix.apply_edits(old, edits)
    if new == old:
        return False
    if write:
        try:
            # encode_like: the registry's bytes as they were written (BOM kept).
            write_atomic(ctx.registry.path, fix.encode_like(ctx.registry, new))
        except OSError as exc:
            raise UsageError(
                f"cannot write {ctx.registry.display_path}: {exc.strerror or exc}"
            ) from exc
        print(
            f"Fixed {len(edits)} quote{'s' if len(edits) != 1 else ''}"
            f" in {visible(ctx.registry.display_path)}.",
            file=sys.stderr,
        )
    else:
        # Escaped like every output (a quote with a bidi control would not apply as is).
        diff = fix.unified_diff(ctx.registry.display_path, old, new)
        sys.stdout.write(visible(diff, keep_whitespace=True))
    return True


def emit(text: str, output: Path | None, ctx=None) -> None:
    """Print ``text``, or write it to ``output`` (never onto ``ctx``'s registry or sources)."""
    if output is None:
        try:
            sys.stdout.write(text)
        except UnicodeEncodeError:  # a terminal that cannot show every character
            encoding = sys.stdout.encoding or "utf-8"
            sys.stdout.write(text.encode(encoding, "backslashreplace").decode(encoding))
        sys.stdout.flush()
        return
    from linter.fsutil import write_through

    if ctx is not None:
        refuse_to_overwrite(output, ctx)
    try:
        write_through(output, text.encode("utf-8", "backslashreplace"))
    except OSError as exc:
        raise UsageError(f"cannot write {visible(str(output))}: {exc.strerror or exc}") from exc


def refuse_to_overwrite(output: Path, ctx) -> None:
    """``-o`` naming the registry, the settings file or a document is a mistake, not a wish."""
    try:
        out = os.stat(output)
    except (OSError, ValueError):
        return  # nothing there yet (or no such name): nothing to destroy
    if not stat.S_ISREG(out.st_mode):
        return  # a device or pipe is written into, not replaced
    ours = [(ctx.registry.path, "the registry")]
    if ctx.config.origin:
        ours.append((Path(ctx.config.origin), "the settings file"))
    ours += [(Path(doc.path), f"source {doc.key}") for doc in ctx.corpus.documents.values()]
    named = _named_by_registry(output, ctx)
    if named is not None:
        raise UsageError(
            f"-o {visible(str(output))} is {visible(named)}; claimlint will not overwrite it"
            " with its output — name another file"
        )
    for path, what in ours:
        try:
            mine = os.stat(path)
        except (OSError, ValueError):
            continue
        if (mine.st_dev, mine.st_ino) == (out.st_dev, out.st_ino):
            raise UsageError(
                f"-o {visible(str(output))} is {visible(what)}; claimlint will not overwrite it"
                " with its output — name another file"
            )


def _raw_text(path: Path) -> str:
    """A registry's text even when it is not UTF-8 (decoding failed: R101)."""
    from linter.fsutil import open_regular
    from linter.registry import MAX_BYTES

    try:
        with open_regular(path) as handle:
            return handle.read(MAX_BYTES).decode("utf-8", "replace")
    except OSError:
        return ""


def _named_by_registry(output: Path, ctx) -> str | None:
    """What the registry's text makes of ``output`` (a file it names, or a text file in a
    folder it names), even where the registry does not read or a claim is unusable."""
    from linter.corpus import SOURCE_SUFFIXES

    try:
        real, root = Path(os.path.realpath(output)), ctx.registry.root.resolve()
    except (OSError, RuntimeError, ValueError):
        return None
    if not real.is_relative_to(root):
        return None
    rel = real.relative_to(root).as_posix()
    text = ctx.registry.text or _raw_text(ctx.registry.path)
    if rel in text:
        return f"{rel}, which the registry names"
    folder = rel.rpartition("/")[0]
    if folder and real.suffix.lower() in SOURCE_SUFFIXES and f"{folder}/" in text:
        return f"{rel}, a document in {folder}/, where the registry's sources are"
    return None


def cmd_report(args: argparse.Namespace) -> int:
    from linter import report, terminal

    progress = terminal.Progress()
    ctx = load(args, progress=progress)
    result = checked(ctx, None, progress)
    emit(report.render(ctx, args.format, result.diagnostics), args.output, ctx)
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
