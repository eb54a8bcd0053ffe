"""report.html in a real browser (Chromium through Playwright) with every network request refused.

Checks: the page asks for nothing, raises no JavaScript error, draws the route and one marker per event of the
run's files, opens a popup on a click, and paints a map that is not blank.  Skips, saying why, only when the
Playwright package or a Chromium to drive cannot be found (``.ci/run`` installs both).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import numpy as np
import pytest
from report_fixture import expected_events, make_run_dir

CHROMIUM = os.environ.get("LONGWALK_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="the Python package `playwright` is not installed "
                                                                "(pip install -e '.[test]')")
    if not Path(CHROMIUM).is_file():
        pytest.skip(f"no Chromium at {CHROMIUM} (Debian: apt-get install chromium; or set LONGWALK_CHROMIUM)")
    with sync_api.sync_playwright() as p:
        try:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        except sync_api.Error as err:
            pytest.skip(f"Chromium at {CHROMIUM} does not start under Playwright: {str(err).splitlines()[0]}")
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    directory = tmp_path_factory.mktemp("run")
    return make_run_dir(directory), expected_events(directory)


def open_offline(browser, path: Path):
    """Open ``path`` with every request but the page's own file aborted; returns (page, attempts, errors)."""
    page = browser.new_page(viewport={"width": 1100, "height": 800})
    url = path.resolve().as_uri()
    attempts: list[str] = []
    errors: list[str] = []

    def refuse(route):
        if route.request.url == url:
            route.continue_()
        else:
            attempts.append(route.request.url)
            route.abort()

    page.route("**/*", refuse)
    page.on("request", lambda r: None if r.url == url or r.url.startswith("data:") else attempts.append(r.url))
    page.on("pageerror", lambda err: errors.append(f"pageerror: {err}"))
    page.on("console", lambda msg: errors.append(f"console: {msg.text}") if msg.type == "error" else None)
    page.goto(url, wait_until="load")
    page.wait_for_function("window.longwalkReport !== undefined", timeout=10_000)
    return page, attempts, errors


def test_report_offline_in_chromium(browser, report, tmp_path):
    path, n_events = report
    page, attempts, errors = open_offline(browser, path)
    try:
        assert attempts == [], f"the page tried to fetch {attempts[:5]}"
        assert errors == []
        # The walked route and the planned route are drawn, one marker per event of the run's files.
        assert page.locator("path.lw-route").count() == 1
        assert page.locator("path.lw-planned").count() == 1
        assert n_events == 3  # journey_fixture: a blizzard, Kazik's death, Janusz's arrival
        assert page.locator("path.lw-event").count() == n_events
        assert page.locator("path.lw-death").count() == 1
        assert page.locator("path.lw-camp").count() == 12
        assert page.locator("img.leaflet-image-layer").count() == 1
        # A click on the death opens a popup with the journal's words.
        page.locator("path.lw-death").click(force=True)
        popup = page.locator(".leaflet-popup-content")
        popup.wait_for(state="visible", timeout=5_000)
        assert "Kazik died of hypothermia" in popup.inner_text()
        # The map is painted: its pixels are not one colour (a blank or failed page is).
        shot = tmp_path / "map.png"
        page.locator("#map").screenshot(path=str(shot))
        import matplotlib.image

        pixels = matplotlib.image.imread(shot)[..., :3]
        colours = np.unique((pixels * 255).astype(np.uint8).reshape(-1, 3), axis=0)
        assert len(colours) > 200, f"the map shows only {len(colours)} colours"
        assert attempts == [] and errors == []  # nothing later either (the popup, the screenshot)
    finally:
        page.close()


def test_the_harness_sees_what_a_page_asks_for(browser, tmp_path):
    """The checks above can fail: a page that loads an image from the web, a script from a CDN and a file beside
    it, and throws, is caught (and nothing reaches the network)."""
    page_file = tmp_path / "bad.html"
    page_file.write_text('<html><body><img src="https://tile.openstreetmap.org/0/0/0.png">'
                         '<script src="https://unpkg.com/leaflet@1.9.4/dist/leaflet.js"></script>'
                         '<img src="beside.png"><script>window.longwalkReport = 1; null.x;</script></body></html>')
    page, attempts, errors = open_offline(browser, page_file)
    try:
        page.wait_for_timeout(300)
        assert any("openstreetmap" in a for a in attempts) and any("unpkg" in a for a in attempts)
        assert any(a.endswith("beside.png") for a in attempts)
        assert any(e.startswith("pageerror") for e in errors)
    finally:
        page.close()
