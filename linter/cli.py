"""The command line: parse arguments, call the core, print, pick the exit code.

Exit codes (as ruff): 0 nothing to report, 1 an error or warning was found,
2 usage, configuration or I/O problem. Everything interesting lives elsewhere.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from linter import __version__
from linter.errors import UsageError
from linter.suggest import closest

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
REGISTRY_SUFFIXES = (".yaml", ".yml")


def _codes(value: str) -> list[str]:
    return [part for part in (p.strip() for p in value.split(",")) if part]


def build_parser() -> argparse.ArgumentParser:
    from linter.formatters import FORMATS

    parser = argparse.ArgumentParser(
        prog="claimlint",
        description="Check that every quote in a claims registry is in the source it cites.",
    )
    parser.add_argument("--version", action="version", version=f"claimlint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--registry", metavar="PATH", help="the claims registry (default: claims.yaml)"
    )
    common.add_argument(
        "--config", metavar="PATH", type=Path, help="a pyproject.toml to read settings from"
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

    check = sub.add_parser("check", parents=[common], help="check the registry (the default job)")
    check.add_argument(
        "files",
        nargs="*",
        metavar="FILE",
        help="only claims in this registry or citing these sources (as pre-commit passes them)",
    )
    check.add_argument(
        "--format", choices=sorted(FORMATS), default="text", help="output format (default: text)"
    )
    check.add_argument("-o", "--output", metavar="FILE", type=Path, help="write the output to FILE")
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
    sub.add_parser("rules", help="list every rule")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "rule":
            return cmd_rule(args.code)
        if args.command == "rules":
            return cmd_rules()
        if args.command == "report":
            return cmd_report(args)
        if args.command == "check":
            return cmd_check(args)
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    except UsageError as exc:
        print(f"claimlint: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
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


def cmd_rules() -> int:
    from linter.rules import all_rules

    for rule in all_rules().values():
        print(f"{rule.code}  {rule.name:<24} {rule.severity:<8} {rule.summary}")
    return EXIT_OK


def load(args: argparse.Namespace, *, registry_arg: str | None = None, registry=None):
    """Settings, registry, corpus: everything a command needs, as a Context.

    ``registry`` is one already loaded (by the pre-commit hook's relevance test).
    """
    from linter.config import check_threshold, load_config
    from linter.context import Context
    from linter.corpus import display_path, load_corpus
    from linter.registry import load_registry

    cwd = Path.cwd()
    config = load_config(cwd, args.config)
    overrides = {
        "threshold": check_threshold(args.threshold, "--threshold")
        if args.threshold is not None
        else None,
        "select": tuple(args.select) if getattr(args, "select", None) is not None else None,
        "ignore": tuple(args.ignore) if getattr(args, "ignore", None) is not None else None,
        "cache": False if args.no_cache else None,
    }
    config = config.with_overrides(**overrides)
    if registry_arg or args.registry:
        path = Path(registry_arg or args.registry)
    else:
        base = Path(config.origin).parent if config.origin else cwd
        path = base / config.registry
    path = path if path.is_absolute() else cwd / path
    if registry is None:
        registry = load_registry(path, display_path(path, cwd))
    return Context(registry=registry, corpus=load_corpus(registry, config), config=config)


def split_files(files: list[str]) -> tuple[str | None, list[str]]:
    """Pre-commit passes file names: a registry (YAML) and/or sources."""
    registries = sorted({f for f in files if f.lower().endswith(REGISTRY_SUFFIXES)})
    if len(registries) > 1:
        raise UsageError(f"pass one registry at a time, got {', '.join(registries)}")
    return (registries[0] if registries else None), [
        f for f in files if not f.lower().endswith(REGISTRY_SUFFIXES)
    ]


def cmd_check(args: argparse.Namespace) -> int:
    from linter import checker

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
    ctx = load(args, registry_arg=registry_file)
    only = touched(ctx, args, registry_file, source_files)
    result = checker.check(ctx, only_claims=only)
    if args.fix or args.diff:
        changed = apply_fixes(ctx, result, write=args.fix and not args.diff)
        if args.diff:
            return EXIT_FINDINGS if changed else EXIT_OK
        if changed:
            ctx = load(args, registry_arg=registry_file)
            result = checker.check(ctx, only_claims=only)
    return print_result(result, args)


def print_result(result, args: argparse.Namespace) -> int:
    """Write the diagnostics in the chosen format; the exit code they call for."""
    from linter.formatters import get

    emit(get(args.format)(result), args.output)
    return EXIT_FINDINGS if result.failed() and not args.exit_zero else EXIT_OK


def check_for_pre_commit(args: argparse.Namespace) -> int:
    """The hook: every changed file comes in, and the registry says which ones matter."""
    from linter import checker, hook
    from linter.config import load_config

    if args.fix or args.diff or args.diff_base is not None:
        raise UsageError("--pre-commit cannot be combined with --fix, --diff or --diff-base")
    registry, scope = hook.target(
        args.files, args.registry, load_config(Path.cwd(), args.config), Path.cwd()
    )
    if not scope.relevant:
        return EXIT_OK
    ctx = load(args, registry_arg=str(registry.path), registry=registry)
    result = checker.check(ctx, only_claims=scope.only)
    return print_result(result, args)


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
            f" in {ctx.registry.display_path}.",
            file=sys.stderr,
        )
    else:
        sys.stdout.write(fix.unified_diff(ctx.registry.display_path, old, new))
    return True


def emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from linter.fsutil import write_atomic

    try:
        write_atomic(output, text)
    except OSError as exc:
        raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from exc


def cmd_report(args: argparse.Namespace) -> int:
    from linter import checker, report

    ctx = load(args)
    result = checker.check(ctx)
    emit(report.render(ctx, args.format, result.diagnostics), args.output)
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
