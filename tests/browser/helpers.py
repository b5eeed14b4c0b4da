"""What every browser test checks on every page: accessibility (axe-core), same-origin
requests only, no console error or warning, no button that needs JavaScript where it is off,
and screenshots at a phone and a desktop width."""

import gzip
import json
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings

AXE_JS = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"
WIDTHS = (360, 1280)
WEIGHED_TYPES = {"document", "stylesheet", "script"}


def gzip_size(body):
    """Bytes on the wire once compressed the way WhiteNoise pre-compresses static files
    (gzip level 9); HTML is measured the same way, as a compressing proxy would send it."""
    return len(gzip.compress(body, compresslevel=9, mtime=0))


class Visit:
    """One browser context on the live site, recording every request its pages make."""

    # Console levels that fail a check. Warnings count too on the public site: an unknown
    # Permissions-Policy feature, a preload never used, a deprecated API all say something on
    # the page is wrong.
    CONSOLE_LEVELS = ("error", "warning")

    def __init__(self, context, base_url, *, javascript=True):
        self.context = context
        self.javascript = javascript
        self.base_url = base_url.rstrip("/")
        self.page = context.new_page()
        self.page.set_default_timeout(15_000)
        self.page.set_viewport_size({"width": WIDTHS[-1], "height": 900})
        self.requests = []
        self.responses = []
        self.errors = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("response", lambda response: self.responses.append(response))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on(
            "console",
            lambda message: (
                message.type in self.CONSOLE_LEVELS
                and self.errors.append(
                    f"{message.type}: {message.text} ({message.location.get('url')})"
                )
            ),
        )

    def close(self):
        self.context.close()

    def url(self, path):
        return self.base_url + path

    def goto(self, path, *, status=200):
        response = self.page.goto(self.url(path))
        assert response is not None and response.status == status, (path, response.status)
        if status >= 400:
            self.expect_error_status(status)
        return response

    def expect_error_status(self, status):
        """The browser logs an error status of the page itself; here it was the expected one."""
        expected = f"status of {status}"
        self.errors[:] = [error for error in self.errors if expected not in error]

    def check(self, name):
        """The checks every page of the site must pass, then screenshots of it."""
        self.assert_same_origin()
        self.assert_no_script_errors()
        if self.javascript:  # axe is JavaScript: it cannot run where JavaScript is off
            self.assert_accessible(name)
        else:
            self.assert_no_dead_controls(name)
        self.screenshot(name)

    def assert_same_origin(self):
        own = urlsplit(self.base_url)
        foreign = [
            url
            for url in self.requests
            if urlsplit(url).scheme not in ("data", "blob")
            and (urlsplit(url).scheme, urlsplit(url).netloc) != (own.scheme, own.netloc)
        ]
        assert not foreign, f"requests to other origins: {foreign}"

    def assert_no_script_errors(self):
        assert not self.errors, f"errors or warnings in the browser console: {self.errors}"

    def assert_no_dead_controls(self, name):
        """Without JavaScript, every button in sight does something: it submits a form. A
        script-only button (`type=button`, or outside any form) must stay hidden."""
        dead = self.page.locator(
            ", ".join(
                f"{selector}:visible"
                for selector in (
                    "button[type=button]",
                    "button[type=reset]",
                    "input[type=button]",
                    "input[type=reset]",
                    "[role=button]:not(a):not(button)",
                    "button:not(form *):not([form])",
                )
            )
        )
        labels = [text.strip() for text in dead.all_inner_texts()]
        assert not labels, f"buttons that need JavaScript, shown on {name}: {labels}"

    def assert_accessible(self, name):
        # Evaluated through the DevTools protocol, so the page's own CSP stays enforced.
        if not self.page.evaluate("() => typeof window.axe === 'object'"):
            self.page.evaluate(AXE_JS.read_text())
        result = self.page.evaluate(
            "async tags => { const r = await axe.run(document, "
            "{runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});"
            " return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
            " nodes: v.nodes.map(n => n.target.join(' ') + ' :: ' + n.failureSummary)}));}",
            AXE_TAGS,
        )
        assert not result, f"axe violations on {name} ({self.page.url}):\n" + json.dumps(
            result, indent=2, ensure_ascii=False
        )

    def screenshot(self, name):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        for width in WIDTHS:
            self.page.set_viewport_size({"width": width, "height": 900})
            self.page.screenshot(path=SCREENSHOTS / f"{name}-{width}.png", full_page=True)
        self.page.set_viewport_size({"width": WIDTHS[-1], "height": 900})

    def transfer_sizes(self):
        """Compressed size of each HTML, CSS and JS response so far, by URL (images excluded)."""
        sizes = {}
        for response in self.responses:
            if response.request.resource_type in WEIGHED_TYPES and response.status == 200:
                sizes[response.url] = gzip_size(response.body())
        return sizes

    def forget_traffic(self):
        self.requests.clear()
        self.responses.clear()
