"""Postal code → riding(s) → MP: one interface, answered by providers tried in order.

1. `CachedAnswers`: earlier answers kept in the database (`PostcodeCacheEntry`).
2. `RepresentAnswers`: the Represent API, rate limited and serialised per postal code so the same
   code costs one call however many processes ask at once.
3. The fallback: the ridings of the code's province, for the supporter to pick from.

`POSTCODE_LOOKUP_PROVIDERS` (a list of dotted paths) replaces 1–2, for a demo or an offline site.
A provider's `find(postal_code, client=None)` returns an `Answer` or None.

Represent allows the whole site 55 calls a minute. A lookup that would reach it counts against
the asking client's own budget (`REPRESENT_LOOKUPS_PER_CLIENT_PER_MINUTE`, keyed by
`core.http.client_network`: an IPv4 address or an IPv6 /64), so one client cannot spend
everybody's; answers from the database cache count against nothing.
"""

import logging
import time
import zlib
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from functools import cached_property

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from core import ratelimit
from directory.models import MemberOfParliament, PostcodeCacheEntry, Province, Riding
from directory.names import searchable_text
from directory.postcode import InvalidPostalCode, PostalCode

from .live_details import refresh_members
from .represent import OverOurLimit, RepresentClient, RepresentUnavailable, UnknownPostalCode

logger = logging.getLogger(__name__)

UNKNOWN_MESSAGE = _(
    "We could not find this postal code. Please check it, or choose your riding from the list."
)
UNAVAILABLE_MESSAGE = _(
    "We cannot look up postal codes right now. Please choose your riding from the list."
)
NOT_LOADED_MESSAGE = _(
    "The list of ridings and MPs is not loaded yet, so letters cannot be written right now. "
    "Please come back a little later."
)
CLIENT_LIMIT_MESSAGE = _(
    "You have looked up many postal codes in a short time. Please wait a minute, "
    "or choose your riding from the list."
)
ELECTIONS_CANADA_URL = "https://www.elections.ca/Scripts/vis/FindED?L={language}&PAGEID=20"


class Status:
    """What a lookup ended with (`LookupResult.status`)."""

    FOUND = "found"
    UNKNOWN = "unknown"  # a well-formed code no source knows
    UNAVAILABLE = "unavailable"  # Represent down, slow, or over the limit
    INVALID = "invalid"  # not a postal code
    NOT_LOADED = "not_loaded"  # the MP directory is empty


@dataclass
class LookupResult:
    """What a lookup found. `ridings` hold `Riding`s whose `current_mp` is prefetched.

    - `source`: "cache", "represent" or "fallback" (None only for invalid input);
    - `ambiguous`: more than one riding, so the supporter chooses;
    - `error`: a translated message for the supporter when no riding was found, else None;
    - `fallback_ridings`: the province's ridings, when the supporter has to pick.
    """

    postal_code: PostalCode | None
    province: str | None
    status: str
    source: str | None
    ridings: list = field(default_factory=list)
    error: str | None = None

    @property
    def ambiguous(self):
        return len(self.ridings) > 1

    @property
    def found(self):
        return bool(self.ridings)

    @cached_property
    def fallback_ridings(self):
        """The province's ridings when the supporter has to pick (queried on first use)."""
        if self.status in (Status.UNKNOWN, Status.UNAVAILABLE):
            return ridings_for_province(self.province)
        return []


@dataclass(frozen=True)
class Answer:
    """A provider's answer: FED codes (empty = unknown code) and where they came from."""

    fed_codes: list
    source: str


class CachedAnswers:
    """Answers kept from earlier Represent calls, until they expire."""

    def find(self, postal_code, client=None):
        entry = PostcodeCacheEntry.objects.filter(
            postal_code=postal_code.code, expires_at__gt=timezone.now()
        ).first()
        return Answer(list(entry.fed_codes), "cache") if entry else None


class RepresentAnswers:
    """Ask Represent, at most once per code per cache period, across every process.

    After a failure (down, slow, 5xx, 429, not JSON) Represent is left alone for
    `REPRESENT_COOL_DOWN_SECONDS` (30), so supporters do not each wait for a timeout; the
    pause is kept in Django's cache, shared by every process when that cache is Redis."""

    def __init__(self, client=None):
        self.client = client or RepresentClient()
        self.cool_down_key = cool_down_key(self.client.base_url)

    def find(self, postal_code, client=None):
        if cache.get(self.cool_down_key):
            return None
        if client is not None and not within_client_budget(client):
            raise ClientOverLimit
        # Whoever holds the lock asks; the others wait for its answer in the cache.
        with postcode_lock(postal_code.code, wait_seconds=self.client.timeout + 1) as locked:
            if not locked:
                return None
            cached = CachedAnswers().find(postal_code)
            if cached:
                return cached
            representatives = []
            try:
                fed_codes, representatives = self.client.postcode_answer(postal_code.code)
            except UnknownPostalCode:
                fed_codes = []
            except OverOurLimit:
                return None
            except RepresentUnavailable as error:
                logger.warning("Represent unavailable, pausing lookups: %s", error)
                cache.set(self.cool_down_key, True, settings.REPRESENT_COOL_DOWN_SECONDS)
                return None
            remember(postal_code, fed_codes)
            refresh_members(representatives)
            return Answer(fed_codes, "represent")


class ClientOverLimit(Exception):
    """This client has asked Represent its share of the minute (`within_client_budget`)."""


def within_client_budget(client):
    """Count one Represent call for `client` (a `core.http.client_network` value)."""
    limit = settings.REPRESENT_LOOKUPS_PER_CLIENT_PER_MINUTE
    key = ratelimit.hashed_key("represent", client)
    return ratelimit.allow(key, limit=limit, window_seconds=60)


def cool_down_key(base_url):
    return f"letters.represent.cool-down:{base_url.rstrip('/')}"


def end_cool_down(base_url=None):
    """Let the next lookup ask Represent again at once (tests, or an organizer's shell)."""
    cache.delete(cool_down_key(base_url or settings.REPRESENT_API_URL))


def remember(postal_code, fed_codes, source="represent"):
    """Cache an answer: found ridings for POSTCODE_CACHE_DAYS, "unknown" for less."""
    days = settings.POSTCODE_CACHE_DAYS if fed_codes else settings.POSTCODE_NEGATIVE_CACHE_DAYS
    now = timezone.now()
    PostcodeCacheEntry.objects.update_or_create(
        postal_code=postal_code.code,
        defaults={
            "fed_codes": list(fed_codes),
            "source": source,
            "fetched_at": now,
            "expires_at": now + timedelta(days=days),
        },
    )


_LOCK_NAMESPACE = 0x4C55  # "LU": keeps our advisory locks apart from anyone else's


@contextmanager
def postcode_lock(code, *, wait_seconds):
    """A PostgreSQL advisory lock per postal code, shared by every process on the database.

    Yields False when it could not be had in time. Without PostgreSQL (the SQLite of a
    single-process `make run`) there is nobody to serialise with, so it always yields True."""
    if connection.vendor != "postgresql":
        yield True
        return
    key = zlib.crc32(code.encode()) - 2**31  # the int4 the two-key form expects
    deadline = time.monotonic() + wait_seconds
    with connection.cursor() as cursor:
        while True:
            cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [_LOCK_NAMESPACE, key])
            if cursor.fetchone()[0]:
                break
            if time.monotonic() > deadline:
                yield False
                return
            time.sleep(0.05)
    try:
        yield True
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [_LOCK_NAMESPACE, key])


def providers():
    return [import_string(path)() for path in settings.POSTCODE_LOOKUP_PROVIDERS]


def ridings_with_mp():
    """Ridings with their sitting MP prefetched (`riding.current_mp` costs no query)."""
    sitting = MemberOfParliament.objects.filter(active=True)
    return Riding.objects.prefetch_related(
        Prefetch("members", queryset=sitting, to_attr="active_members")
    )


def directory_loaded():
    return Riding.objects.exists()


def lookup_postal_code(raw, client=None):
    """Find the riding(s) and MP(s) for what a supporter typed. Never raises for bad input.

    `client` (`core.http.client_network(request)`) is who asks: a lookup that has to reach
    Represent counts against that client's budget; None (a task, a load generator) counts
    against nothing."""
    try:
        postal_code = PostalCode.parse(raw)
    except InvalidPostalCode as error:
        return LookupResult(None, None, Status.INVALID, None, error=error.message)
    province = postal_code.province
    if not directory_loaded():
        return LookupResult(
            postal_code, province, Status.NOT_LOADED, "fallback", error=NOT_LOADED_MESSAGE
        )
    try:
        answer = next(
            (
                found
                for provider in providers()
                if (found := provider.find(postal_code, client=client))
            ),
            None,
        )
    except ClientOverLimit:
        return LookupResult(
            postal_code, province, Status.UNAVAILABLE, "fallback", error=CLIENT_LIMIT_MESSAGE
        )
    if answer and answer.fed_codes:
        by_code = {r.fed_code: r for r in ridings_with_mp().filter(fed_code__in=answer.fed_codes)}
        ridings = [by_code[code] for code in answer.fed_codes if code in by_code]
        if ridings:
            return LookupResult(postal_code, province, Status.FOUND, answer.source, ridings)
    status, message = (
        (Status.UNKNOWN, UNKNOWN_MESSAGE) if answer else (Status.UNAVAILABLE, UNAVAILABLE_MESSAGE)
    )
    return LookupResult(postal_code, province, status, "fallback", error=message)


def ridings_for_province(province, query=""):
    """The province's ridings (MP prefetched), filtered by words of the riding's names (any
    of them, accents ignored), its FED code or its MP's name. Unknown province → []."""
    if province not in Province.values:
        return []
    ridings = list(ridings_with_mp().filter(province=province).order_by("name_en"))
    words = searchable_text(query or "")[:200].split()
    if not words:
        return ridings

    def haystack(riding):
        mp = riding.current_mp
        names = [riding.name_en, riding.name_fr, riding.fed_code, *riding.other_names]
        return searchable_text(" ".join([*map(str, names), mp.name if mp else ""]))

    return [riding for riding in ridings if all(word in haystack(riding) for word in words)]


def elections_canada_url(language_code):
    """Elections Canada's own "find your electoral district" page, in French or English."""
    return ELECTIONS_CANADA_URL.format(language="f" if language_code == "fr" else "e")
