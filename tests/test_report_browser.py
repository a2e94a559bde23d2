"""The HTML report as a browser shows it: real headless Chromium, no network.

Uses ``/usr/bin/chromium`` (Debian package ``chromium``; ``.ci/run`` installs
it). Skipped on a developer machine without it; in CI (``CI=true``) a missing
browser is a failure, so the test cannot silently stop running.
"""

from __future__ import annotations

import importlib.util
import os
import struct
from pathlib import Path

import pytest
from test_report import run_report, write_registry

ROOT = Path(__file__).resolve().parent.parent


def _load_screenshot_tool():
    spec = importlib.util.spec_from_file_location(
        "make_screenshot", ROOT / "docs/make_screenshot.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


shot = _load_screenshot_tool()


@pytest.fixture(scope="module")
def browser() -> str:
    binary = shot.find_chromium()
    if binary is None:
        if os.environ.get("CI", "").lower() not in {"", "0", "false", "no"}:
            pytest.fail("chromium is missing in CI: .ci/run must apt-get install chromium")
        pytest.skip("chromium is not installed (apt-get install chromium) and CI is not set")
    return binary


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("browser")
    write_registry(root)
    done = run_report(root, "--format", "html", "-o", "report.html")
    assert done.returncode == 0, done.stderr
    return root / "report.html"


def test_reader_sees_values_statuses_and_outlets(browser, page):
    dom = shot.chromium(browser, page, "--dump-dom")
    assert "<h1>Discrepancy report</h1>" in dom
    for seen in (
        "✗ Conflicts",
        "! Acknowledged",
        "✓ Agrees",
        "The speech was written a year earlier.",
        "The Washington Post",
        "The Wall Street Journal",
        # escaped metadata stays text: no element was made from it
        "Student &lt;Essays&gt; &amp; Co",
        '<td class="value">11</td>',
        '<td class="value">7</td>',
        "<mark>The meeting Friday appeared to yield no significant breakthroughs</mark>",
        "seeds/004_09030c89965f0637.txt:12",
        "Q101 quote-not-found",
    ):
        assert seen in dom, seen
    assert "<essays>" not in dom.lower()
    assert "<script" not in dom.lower()
    # the planned September date (published 2018-08) comes before the November one
    dates = dom[dom.index('id="topic-meeting-date"') :]
    dates = dates[: dates.index("</section>")]
    assert dates.index("2018-08</time>") < dates.index('datetime="2018-11-09"')


def test_screenshot_and_print(browser, page, tmp_path):
    png = tmp_path / "report.png"
    shot.chromium(browser, page, f"--screenshot={png}", f"--window-size={shot.WINDOW}")
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1200, 1600)
    assert len(data) > 20_000  # a rendered page, not a blank one

    pdf = tmp_path / "report.pdf"
    shot.chromium(browser, page, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    printed = pdf.read_bytes()
    assert printed.startswith(b"%PDF") and len(printed) > 5_000
