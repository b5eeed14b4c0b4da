"""Find a supporter's riding(s) and MP(s) from a postal code.

The API other parts of the site use:

    from directory.lookup import lookup_postal_code, ridings_for_province

    result = lookup_postal_code("k1a-0a6")      # never raises for bad input
    result.postal_code   # PostalCode("K1A0A6") or None when the input was not a postal code
    result.province      # "ON", or None
    result.ridings       # [Riding, ...], each with riding.current_mp prefetched (None = vacant)
    result.ambiguous     # True when there are several ridings: the supporter chooses
    result.source        # "cache", "represent" or "fallback" (None for invalid input)
    result.status        # "found", "unknown", "unavailable", "invalid" or "not_loaded"
    result.error         # a translated message to show when no riding was found, else None
    result.fallback_ridings  # the province's ridings to pick from when there was no answer

    ridings_for_province("QC", query="montreal")  # the searchable picker, MP prefetched
    elections_canada_url("fr")                     # Elections Canada's own lookup page

How it works: `directory/lookup/service.py`; the Represent client: `directory/lookup/represent.py`;
the whole story: docs/mp-directory.md.
"""

from .service import (
    LookupResult,
    Status,
    elections_canada_url,
    lookup_postal_code,
    ridings_for_province,
    ridings_with_mp,
)

__all__ = [
    "LookupResult",
    "Status",
    "elections_canada_url",
    "lookup_postal_code",
    "ridings_for_province",
    "ridings_with_mp",
]
