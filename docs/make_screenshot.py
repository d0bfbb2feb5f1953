"""Take docs/screenshot.png from the real explorer page in headless Chromium.

Usage: python docs/make_screenshot.py output/footback.html docs/screenshot.png

The page opens with the path from plantar fasciitis to lower back pain
picked, as a teacher would show it, and the details of heel pain open.
"""

from __future__ import annotations

import sys
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VIEW = "#path=plantar-fasciitis,lower-back-pain"
SIZE = {"width": 1600, "height": 900}


def main(page_file: str, out: str) -> None:
    from playwright.sync_api import sync_playwright

    url = Path(page_file).resolve().as_uri() + VIEW
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport=SIZE, device_scale_factor=1)
        page.goto(url)
        page.wait_for_function("() => window.footbackReady === true")
        page.wait_for_timeout(800)  # let the fit animation finish
        page.screenshot(path=out)
        browser.close()
    print(f"wrote {out}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
