"""Regenerate ``docs/report.png``: the HTML report on this repository's claims.yaml.

Renders the report with the real CLI, then photographs it with headless
Chromium (Debian package ``chromium``), so the picture in the README is what
a reader of ``claimlint report --format html`` sees. The browser test imports
``chromium`` from here, so both run the browser the same way.

    python docs/make_screenshot.py [--registry claims.yaml] [--output docs/report.png]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WINDOW = "1200,1600"
# Headless, offline and without a profile of its own: nothing is fetched or kept.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
)


def find_chromium() -> str | None:
    return shutil.which("chromium")


def chromium(binary: str, page: Path, *args: str, timeout: float = 120) -> str:
    """Run headless Chromium on a local page; its standard output (``--dump-dom``)."""
    with tempfile.TemporaryDirectory(prefix="claimlint-chromium-") as profile:
        done = subprocess.run(
            [binary, *FLAGS, f"--user-data-dir={profile}", *args, page.resolve().as_uri()],
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=timeout,
            check=False,
        )
    if done.returncode != 0:
        raise RuntimeError(f"chromium exited with {done.returncode}: {done.stderr[-2000:]}")
    return done.stdout


def render_html(registry: Path, output: Path) -> None:
    """The HTML report on ``registry``, written by the real CLI."""
    done = subprocess.run(
        [
            *(sys.executable, "-m", "linter", "report"),
            *("--registry", str(registry), "--format", "html", "-o", str(output)),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"claimlint report failed ({done.returncode}): {done.stderr}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--registry", type=Path, default=ROOT / "claims.yaml")
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "report.png")
    args = parser.parse_args(argv)
    binary = find_chromium()
    if binary is None:
        print("chromium is not installed (apt-get install chromium)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "report.html"
        render_html(args.registry.resolve(), page)
        chromium(binary, page, f"--screenshot={args.output.resolve()}", f"--window-size={WINDOW}")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
