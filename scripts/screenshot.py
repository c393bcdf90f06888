"""Writes docs/graph.png: the page of the whole curated graph, as headless Chromium draws it.

Usage: python scripts/screenshot.py [OUT.png]   (needs Chromium: scripts/system-packages.sh,
and the `test` extra for Playwright: scripts/venv.sh test)
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

import kg
from kg.viz import build_page, write_page

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1600, "height": 1000}
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "docs" / "graph.png"


def screenshot(out: Path) -> None:
    html = build_page(kg.load_graph()).html
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        page_file = write_page(html, Path(folder) / "zonekg.html")
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport=VIEWPORT, device_scale_factor=1.5)
            page.goto(page_file.as_uri())
            page.wait_for_selector("body[data-ready=true]", timeout=60_000)
            page.screenshot(path=str(out))
        finally:
            browser.close()


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUT
    target.parent.mkdir(parents=True, exist_ok=True)
    screenshot(target)
    print(f"wrote {target}")
