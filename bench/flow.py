"""A supporter's trip through the letter flow over plain HTTP, for `make bench` and `make soak`.

Production settings mark the CSRF cookie `Secure`, which an HTTP client rightly keeps to HTTPS;
on loopback we carry it by hand (`Supporter.cookies`), as the browser would over HTTPS.
"""

import re
import time
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import requests

SQUARE_BRACKETS = re.compile(r"\[[^\]]*\]")
# The email's confirmation link, whatever its shape after /confirm (a path or a query).
CONFIRM_LINK = re.compile(r"https?://[^\s\"<>]+/confirm[^\s\"<>]*")


class _Forms(HTMLParser):
    """The forms of a page (method, action, fields as a browser would submit them untouched)
    and its links, read with the standard library's parser: the soak's 100 supporters parse
    pages on the same two cores as the server, so this stays cheap (no tree is built)."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.forms, self.links = [], []
        self._form = self._textarea = self._select = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "form":
            self._form = {
                "method": (attrs.get("method") or "get").lower(),
                "action": attrs.get("action") or "",
                "fields": {},
                "names": set(),
            }
            self.forms.append(self._form)
        elif self._form is not None and tag == "option" and self._select is not None:
            value = attrs.get("value", "")
            if "selected" in attrs or self._select not in self._form["fields"]:
                self._form["fields"][self._select] = value
        elif self._form is not None and attrs.get("name"):
            self._field(tag, attrs)

    def _field(self, tag, attrs):
        name, kind = attrs["name"], (attrs.get("type") or "text").lower()
        self._form["names"].add(name)
        if tag == "select":
            self._select = name
        elif tag == "textarea":
            self._textarea = name
            self._form["fields"][name] = ""
        elif tag == "input" and kind in ("checkbox", "radio"):
            if "checked" in attrs:
                self._form["fields"][name] = attrs.get("value") or "on"
        elif tag == "input" and kind not in ("submit", "button", "image"):
            self._form["fields"][name] = attrs.get("value") or ""

    def handle_data(self, data):
        if self._textarea is not None:
            self._form["fields"][self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea is not None:
            value = self._form["fields"][self._textarea]
            self._form["fields"][self._textarea] = value.removeprefix("\n")
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "form":
            self._form = None


def find_form(html, *, method=None, having=None):
    """The first form of the page sent with `method` and/or having a field named `having`."""
    for form in _Forms(html).forms:
        if (method is None or form["method"] == method) and (
            having is None or having in form["names"]
        ):
            return form
    raise ValueError(f"no form (method {method}, field {having}) on the page")


def form_fields(html, *, method="post", having=None):
    """(action, fields) of the first matching form: what a browser would submit untouched."""
    form = find_form(html, method=method, having=having)
    return form["action"], dict(form["fields"])


def first_link(html, containing):
    return next((href for href in _Forms(html).links if containing in href), None)


class Supporter:
    """One person writing to their MP; every method is one step, timed in `self.timings`."""

    def __init__(self, base_url, number, *, language="en", timeout=30, host=None):
        self.base_url = base_url
        self.number = number
        self.language = language
        self.email = f"supporter-{number}@example.org"
        self.http = requests.Session()
        if host:
            # The Host a front on port 80 receives (`make soak` through Varnish on a loopback
            # port): the page cache keeps canonical URLs only, without a foreign port.
            self.http.headers["Host"] = host
        self.cookies = {}
        self.timeout = timeout
        self.timings = {}
        self.own_words = f"I live in Toronto and this matters to my family ({number})."

    def request(self, step, method, url, **kwargs):
        started = time.monotonic()
        response = self.http.request(
            method,
            urljoin(self.base_url, url),
            cookies=self.cookies,
            timeout=self.timeout,
            allow_redirects=False,
            **kwargs,
        )
        self.timings[step] = time.monotonic() - started
        self.cookies.update(response.cookies.get_dict())
        return response

    def get(self, step, url):
        """GET `url`, following redirects (a link that moves its token out of the URL, say);
        returns (response, final URL). The step's time is the whole chain's."""
        started = time.monotonic()
        url = urljoin(self.base_url, url)
        response = self.request(step, "GET", url)
        for _ in range(5):
            if response.status_code not in (301, 302, 303, 307):
                break
            url = urljoin(url, response.headers["Location"])
            response = self.request(step, "GET", url)
        self.timings[step] = time.monotonic() - started
        response.raise_for_status()
        return response, url

    def open_letter_page(self):
        self.letter_page, self.letter_page_url = self.get(
            "letter_page", f"/{self.language}/write-to-your-mp/"
        )

    def find_mp(self, postal_code):
        """The landing page's postal-code form, sent as the page says (its method and action);
        returns the URL of the letter form it redirects to."""
        if not hasattr(self, "letter_page"):
            self.open_letter_page()
        form = find_form(self.letter_page.text, having="postal_code")
        action, fields = form["action"], dict(form["fields"])
        fields["postal_code"] = postal_code
        target = urljoin(self.letter_page_url, action or self.letter_page_url)
        if form["method"] == "post":
            response = self.request("find_mp", "POST", target, data=fields)
        else:
            response = self.request("find_mp", "GET", target, params=fields)
        if response.status_code not in (301, 302, 303):
            raise RuntimeError(
                f"find: expected a redirect to the letter, got {response.status_code}"
            )
        return urljoin(target, response.headers["Location"])

    def letter_form(self, write_url):
        """GET the letter form; returns (post URL, fields) filled in as this supporter."""
        response, write_url = self.get("letter_form", write_url)
        action, fields = form_fields(response.text, having="body")
        fields.update(
            first_name="Sam",
            last_name=f"Supporter{self.number}",
            email=self.email,
            street_address=f"{100 + self.number} Queen Street West",
            city="Toronto",
            consent_send="on",
        )
        fields.pop("switch_letter_language", None)
        if "body" in fields:
            # The campaign's letter asks for the supporter's own words in [square brackets].
            fields["body"] = SQUARE_BRACKETS.sub(self.own_words, fields["body"])
        return urljoin(write_url, action or write_url), fields

    def submit(self, post_url, fields):
        response = self.request(
            "submit", "POST", post_url, data=fields, headers={"Referer": post_url}
        )
        return redirected(response, "submit")

    def confirm(self, confirm_url):
        """Open the link from the email and press "Send my letter"; returns the sent page URL."""
        page, page_url = self.get("confirm_page", confirm_url)
        action, fields = form_fields(page.text)
        target = urljoin(page_url, action or page_url)
        response = self.request("confirm", "POST", target, data=fields, headers={"Referer": target})
        return urljoin(target, redirected(response, "confirm"))

    def read_sent_and_print(self, sent_url):
        sent, sent_url = self.get("sent_page", sent_url)
        print_link = first_link(sent.text, "/print")
        if print_link is not None:
            self.get("print_page", urljoin(sent_url, print_link))


def redirected(response, step):
    """Where a POST that succeeded (303) sends the supporter next."""
    if response.status_code != 303:
        raise RuntimeError(f"{step}: expected 303, got {response.status_code}")
    return response.headers["Location"]


def confirmation_link(text):
    """The confirmation link of an email, without its scheme and host (the site's address in
    emails is not the loopback port the load goes to)."""
    match = CONFIRM_LINK.search(text)
    return urlsplit(match.group(0))._replace(scheme="", netloc="").geturl() if match else None
