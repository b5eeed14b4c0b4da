"""Every CSV the site produces goes through here (issue 12, hole 11).

A spreadsheet reads a cell that starts with `=`, `+`, `-` or `@` as a formula (and some read
one that starts with a tab or a carriage return the same way, after trimming it), so a
supporter's name such as `=HYPERLINK("https://evil.example","Click")` would run in a data
steward's spreadsheet. `neutralise_formula` turns such a text into plain text with a leading
apostrophe (OWASP's advice); `writer` is `csv.writer` that does it to every text cell. Numbers,
dates and booleans are written as they are."""

import csv

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """A text a spreadsheet would read as a formula, made plain text; anything else unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class _SafeWriter:
    def __init__(self, out, **kwargs):
        self._writer = csv.writer(out, **kwargs)

    def writerow(self, row):
        return self._writer.writerow([neutralise_formula(value) for value in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def writer(out, **kwargs):
    """A `csv.writer` on `out` whose text cells can never be formulas."""
    return _SafeWriter(out, **kwargs)
