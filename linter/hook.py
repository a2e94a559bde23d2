"""Which of pre-commit's file names matter, decided from the registry itself.

A file-name pattern in the hook definition cannot know where a team keeps its
registry or its sources, and it takes any ``claims.yml`` (a GitHub workflow,
say) for a registry.  So the hook is handed every changed file, and the
registry decides: a change to the registry, to a source it cites or to a file
of its corpus runs the check; any other change is none of its business.

Without a configured registry and with no ``claims.yaml`` in the working
folder, the registry is the one file tracked by git, named ``claims.yaml`` or
``claims.yml``, whose top level is a mapping with a ``claims`` key.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from linter import yamlsafe
from linter.config import Config
from linter.corpus import corpus_files
from linter.errors import UsageError
from linter.fsutil import open_regular
from linter.model import Registry

REGISTRY_NAMES = ("claims.yaml", "claims.yml")
_SNIFF_BYTES = 1024 * 1024  # a registry's top level is decided by its first key


@dataclass(frozen=True, slots=True)
class Scope:
    """What a set of changed files asks of the check."""

    relevant: bool  # False: nothing the registry depends on changed
    only: set[str] | None = None  # claim ids to report; None for every claim


def is_registry(path: Path) -> bool:
    """A YAML file whose top level is a mapping with a ``claims`` key."""
    try:
        with open_regular(path) as handle:  # a changed file may be a pipe: never block
            data = handle.read(_SNIFF_BYTES)
    except OSError:
        return False
    text, problem = yamlsafe.decode(data)
    if text is None or problem is not None:
        return False
    problems: list[yamlsafe.Problem] = []
    root = yamlsafe.compose(text.removeprefix(yamlsafe.BOM), problems)
    return root is not None and any(
        key.is_scalar and key.text == "claims" for key, _ in root.pairs()
    )


def discover_registry(top: Path, tracked: list[str]) -> Path:
    """The one registry among the tracked files named like one; else a usage error."""
    found = [
        top / name
        for name in sorted(tracked)
        if name.rsplit("/", 1)[-1] in REGISTRY_NAMES and is_registry(top / name)
    ]
    if len(found) == 1:
        return found[0]
    if not found:
        raise UsageError(
            "no claims registry found: no tracked claims.yaml or claims.yml has a 'claims:' list;"
            " create one, or name it with --registry or 'registry' in the configuration"
        )
    names = ", ".join(str(path.relative_to(top)) for path in found)
    raise UsageError(
        f"several claims registries found ({names}); name the one to check with --registry"
        " (one hook entry per registry, each with its own args)"
    )


def relevant_paths(registry: Registry, config: Config) -> tuple[set[Path], set[Path]]:
    """(cited sources, other corpus files) as absolute resolved paths, without reading them."""
    from linter.gitdiff import cited_path

    cited: set[Path] = set()
    for claim in registry.claims:
        path = cited_path(registry, claim)
        if path is not None:
            cited.add(path)
    folders = {path.parent for path in cited if path.parent.is_dir()}
    others = {path.resolve() for path, _ in corpus_files(registry.root, folders, config, cited)}
    return cited, others - cited


def scope(registry: Registry, config: Config, files: list[str], cwd: Path) -> Scope:
    """What the changed ``files`` (relative to ``cwd``) mean for this registry."""
    from linter.gitdiff import resolved

    changed = resolved(files, cwd)
    if registry.path.resolve() in changed:
        return Scope(relevant=True)
    cited, others = relevant_paths(registry, config)
    if changed & others:
        # Any claim's quote may now be found in, or gone from, another document.
        return Scope(relevant=True)
    sources = changed & cited
    if not sources:
        return Scope(relevant=False)
    from linter.gitdiff import cited_path

    return Scope(
        relevant=True,
        only={claim.id for claim in registry.claims if cited_path(registry, claim) in sources},
    )


def target(
    files: list[str], registry_arg: str | None, config: Config, cwd: Path
) -> tuple[Registry, Scope]:
    """The registry the hook checks, and what the changed ``files`` ask of it."""
    from linter.corpus import display_path
    from linter.registry import load_registry

    if registry_arg:
        path = Path(registry_arg)
    else:
        base = Path(config.origin).parent if config.origin else cwd
        path = base / config.registry
        if not path.exists() and config.registry == Config.registry:
            path = discover_registry(*_tracked_files(cwd))
    path = path if path.is_absolute() else cwd / path
    registry = load_registry(path, display_path(path, cwd))
    return registry, scope(registry, config, files, cwd)


def _tracked_files(cwd: Path) -> tuple[Path, list[str]]:
    from linter.gitdiff import GitError, git

    try:
        top = Path(git(["rev-parse", "--show-toplevel"], cwd).strip()).resolve()
        names = git(["ls-files", "-z", "--full-name"], top).split("\0")
    except GitError as exc:
        raise UsageError(
            f"no claims.yaml in {cwd}, and it is not inside a git repository to look for one"
            f" ({exc}); name the registry with --registry"
        ) from exc
    return top, [name for name in names if name]
