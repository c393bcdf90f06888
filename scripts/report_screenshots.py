"""Writes docs/report-chain.png and docs/report-zone.png: the top of the chain dossier of 新材料
and of the zone profile of 嵊州经济开发区, as headless Chromium draws them.

Usage: python scripts/report_screenshots.py [FOLDER]   (needs Chromium: scripts/system-packages.sh,
and the `test` extra for Playwright: scripts/venv.sh test)
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

import kg
from kg.output.reports import dossier_document, profile_document, render_report
from kg.report.chain import chain_dossier
from kg.report.zone import zone_profile

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1200, "height": 1500}
DEFAULT_FOLDER = Path(__file__).resolve().parent.parent / "docs"


def screenshots(folder: Path) -> list[Path]:
    dataset = kg.load_graph()
    pages = {
        "report-chain.png": render_report(dossier_document(chain_dossier(dataset, "新材料")), "html"),
        "report-zone.png": render_report(profile_document(zone_profile(dataset, "嵊州经济开发区")), "html"),
    }
    written = []
    with tempfile.TemporaryDirectory() as scratch, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for name, html in pages.items():
                page_file = Path(scratch) / f"{name}.html"
                page_file.write_bytes(html)
                page = browser.new_page(viewport=VIEWPORT)
                page.route(
                    "**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort()
                )
                page.goto(page_file.as_uri())
                page.screenshot(path=str(folder / name))
                written.append(folder / name)
        finally:
            browser.close()
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_FOLDER
    target.mkdir(parents=True, exist_ok=True)
    for path in screenshots(target):
        print(f"wrote {path}")
