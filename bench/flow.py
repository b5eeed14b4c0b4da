"""A supporter's trip through the letter flow over plain HTTP, for `make bench` and `make soak`.

Production settings mark the CSRF cookie `Secure`, which an HTTP client rightly keeps to HTTPS;
on loopback we carry it by hand (`Supporter.cookies`), as the browser would over HTTPS.
"""

import re
import time
from urllib.parse import urljoin

import requests
from bs4 import BeautifulSoup

SQUARE_BRACKETS = re.compile(r"\[[^\]]*\]")
CONFIRM_LINK = re.compile(r"https?://[^\s\"<>]+/letters/confirm/[^\s\"<>/]+/")


def form_fields(html, selector="form[method=post]"):
    """(action, fields) of the first matching form: what a browser would submit untouched."""
    form = BeautifulSoup(html, "html.parser").select_one(selector)
    if form is None:
        raise ValueError("no POST form on the page")
    fields = {}
    for element in form.select("input[name], textarea[name], select[name]"):
        name = element["name"]
        if element.name == "textarea":
            fields[name] = element.text.removeprefix("\n")
        elif element.name == "select":
            chosen = element.select_one("option[selected]") or element.select_one("option")
            fields[name] = chosen.get("value", chosen.text) if chosen else ""
        elif element.get("type") in ("checkbox", "radio"):
            if element.has_attr("checked"):
                fields[name] = element.get("value", "on")
        elif element.get("type") not in ("submit", "button", "image"):
            fields[name] = element.get("value", "")
    return form.get("action", ""), fields


class Supporter:
    """One person writing to their MP; every method is one step, timed in `self.timings`."""

    def __init__(self, base_url, number, *, language="en", timeout=30):
        self.base_url = base_url
        self.number = number
        self.language = language
        self.email = f"supporter-{number}@example.org"
        self.http = requests.Session()
        self.cookies = {}
        self.timeout = timeout
        self.timings = {}

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

    def open_letter_page(self):
        response = self.request("letter_page", "GET", f"/{self.language}/write-to-your-mp/")
        response.raise_for_status()

    def find_mp(self, postal_code):
        """The postal code form; returns the letter form's URL it redirects to."""
        response = self.request(
            "find_mp",
            "GET",
            f"/{self.language}/write-to-your-mp/find/",
            params={"postal_code": postal_code},
        )
        if response.status_code not in (301, 302, 303):
            raise RuntimeError(
                f"find: expected a redirect to the letter, got {response.status_code}"
            )
        return response.headers["Location"]

    def letter_form(self, write_url):
        """GET the letter form; returns (post URL, fields) filled in as this supporter."""
        response = self.request("letter_form", "GET", write_url)
        response.raise_for_status()
        action, fields = form_fields(response.text)
        fields.update(
            first_name="Sam",
            last_name=f"Supporter{self.number}",
            email=self.email,
            street_address=f"{100 + self.number} Queen Street West",
            city="Toronto",
            consent_send="on",
        )
        if "body" in fields:
            # The campaign's letter asks for the supporter's own words in [square brackets].
            own_words = f"I live in Toronto and this matters to my family ({self.number})."
            fields["body"] = SQUARE_BRACKETS.sub(own_words, fields["body"])
        return urljoin(urljoin(self.base_url, write_url), action or write_url), fields

    def submit(self, post_url, fields):
        response = self.request(
            "submit", "POST", post_url, data=fields, headers={"Referer": post_url}
        )
        return redirected(response, "submit")

    def confirm(self, confirm_url):
        """Open the link from the email and press "Send my letter"; returns the sent page URL."""
        page = self.request("confirm_page", "GET", confirm_url)
        page.raise_for_status()
        action, fields = form_fields(page.text)
        target = urljoin(urljoin(self.base_url, confirm_url), action or confirm_url)
        response = self.request("confirm", "POST", target, data=fields, headers={"Referer": target})
        return redirected(response, "confirm")

    def read_sent_and_print(self, sent_url):
        sent = self.request("sent_page", "GET", sent_url)
        sent.raise_for_status()
        print_link = BeautifulSoup(sent.text, "html.parser").select_one("a[href*='/print/']")
        if print_link is not None:
            self.request("print_page", "GET", print_link["href"]).raise_for_status()


def redirected(response, step):
    """Where a POST that succeeded (303) sends the supporter next."""
    if response.status_code != 303:
        raise RuntimeError(f"{step}: expected 303, got {response.status_code}")
    return response.headers["Location"]


def confirmation_link(text):
    match = CONFIRM_LINK.search(text)
    return match.group(0) if match else None
