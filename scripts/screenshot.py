"""Writes the pictures of docs/ as headless Chromium draws them: graph.png (the page of the whole
curated graph), report-chain.png (the top of the chain dossier of 新材料) and report-zone.png
(the top of the zone profile of 嵊州经济开发区). No request may leave the pages.

Usage: python scripts/screenshot.py [FOLDER]   (default docs/; needs Chromium:
scripts/system-packages.sh, and the `test` extra for Playwright: scripts/venv.sh test)
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import chromium  # scripts/chromium.py, beside this script
from playwright.sync_api import Browser, Route, sync_playwright

import kg
from kg.output.reports import dossier_document, profile_document, render_report
from kg.report.chain import chain_dossier
from kg.report.zone import zone_profile
from kg.viz import build_page

DEFAULT_FOLDER = Path(__file__).resolve().parent.parent / "docs"


def local_only(route: Route) -> None:
    if route.request.url.startswith("file:"):
        route.continue_()
    else:
        route.abort()


def shoot(browser: Browser, html: bytes, out: Path, viewport: dict, ready: str, scale: float) -> None:
    """Open the page from a file, wait for `ready`, and save what the viewport shows."""
    with tempfile.TemporaryDirectory() as folder:
        page_file = Path(folder) / "page.html"
        page_file.write_bytes(html)
        page = browser.new_page(viewport=viewport, device_scale_factor=scale)
        page.route("**/*", local_only)
        page.goto(page_file.as_uri())
        page.wait_for_selector(ready, timeout=60_000)
        page.screenshot(path=str(out))
        page.close()


def screenshots(folder: Path) -> list[Path]:
    dataset = kg.load_graph()
    report = {"width": 1200, "height": 1500}
    pictures = [
        (
            "graph.png",
            build_page(dataset).html.encode("utf-8"),
            {"width": 1600, "height": 1000},
            "body[data-ready=true]",
            1.5,
        ),
        (
            "report-chain.png",
            render_report(dossier_document(chain_dossier(dataset, "新材料")), "html"),
            report,
            "figure.chart svg",
            1.0,
        ),
        (
            "report-zone.png",
            render_report(profile_document(zone_profile(dataset, "嵊州经济开发区")), "html"),
            report,
            "figure.chart svg",
            1.0,
        ),
    ]
    with sync_playwright() as playwright:
        browser = chromium.launch(playwright)
        try:
            for name, html, viewport, ready, scale in pictures:
                shoot(browser, html, folder / name, viewport, ready, scale)
        finally:
            browser.close()
    return [folder / name for name, *_ in pictures]


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_FOLDER
    target.mkdir(parents=True, exist_ok=True)
    for path in screenshots(target):
        print(f"wrote {path}")
