"""Render the site's images from their SVG sources: the favicon's PNG and ICO fallbacks and the
default Open Graph share images (`make images`; the results are committed).

Debian's Chromium draws the SVGs (through Playwright, as the browser tests do: no downloaded
browser), so the Russian text is set with the system's fonts; Pillow then reduces each PNG to a
small palette, which keeps the share images to a few KB, and packs the ICO."""

import io
import shutil
import sys
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

IMAGES = Path(__file__).resolve().parent / "static" / "img"
ROOT_FILES = Path(__file__).resolve().parent / "root_files"
# (source, PNG, width, height, palette colours)
RENDERS = [
    ("favicon.svg", "favicon-180.png", 180, 180, 32),
    ("og-en.svg", "og-en.png", 1200, 630, 16),
    ("og-ru.svg", "og-ru.png", 1200, 630, 16),
]
ICO_SIZES = [(16, 16), (32, 32), (48, 48)]


def render(page, source, width, height):
    """The SVG drawn at width × height, as PNG bytes with a transparent background."""
    page.set_viewport_size({"width": width, "height": height})
    svg = (IMAGES / source).read_text()
    style = f"<style>html,body{{margin:0}}svg{{display:block;width:{width}px;height:{height}px}}"
    page.set_content(f"<!DOCTYPE html>{style}</style>{svg}")
    return page.screenshot(
        omit_background=True, clip={"x": 0, "y": 0, "width": width, "height": height}
    )


def small_png(data, colours):
    image = Image.open(io.BytesIO(data)).convert("RGBA")
    out = io.BytesIO()
    image.quantize(colors=colours, method=Image.Quantize.FASTOCTREE).save(out, "PNG", optimize=True)
    return out.getvalue()


def main():
    chromium = shutil.which("chromium")
    if not chromium:
        sys.exit("Debian's chromium is not installed: run `make system-deps`.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        page = browser.new_page()
        for source, target, width, height, colours in RENDERS:
            data = small_png(render(page, source, width, height), colours)
            (IMAGES / target).write_bytes(data)
            sys.stdout.write(f"{target}: {len(data)} bytes\n")
        icon = Image.open(io.BytesIO(render(page, "favicon.svg", 48, 48))).convert("RGBA")
        browser.close()
    ROOT_FILES.mkdir(exist_ok=True)
    icon.save(ROOT_FILES / "favicon.ico", sizes=ICO_SIZES)
    sys.stdout.write(f"favicon.ico: {(ROOT_FILES / 'favicon.ico').stat().st_size} bytes\n")


if __name__ == "__main__":
    main()
