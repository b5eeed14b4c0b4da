"""What a supporter's browser posts, and what the compose form hands the screening."""

import time

from django.core import signing

from letters.screening import RENDERED_AT_SALT


def signed_render_time(seconds_ago=30):
    """The compose form's hidden `rendered_at` stamp, as if the form was shown that long ago."""
    return signing.dumps(time.time() - seconds_ago, salt=RENDERED_AT_SALT)


def compose_data(**overrides):
    """A valid plain POST of the compose form to Jennifer McKelvie (Ajax, 35001) in the real
    directory, as a browser with JavaScript off sends it; the letter text is the supporter's
    own. An override of None leaves the field out."""
    data = {
        "subject": "Fair and transparent security screening",
        "body": (
            "Dear Jennifer McKelvie,\n\nI live in Ajax and I teach chemistry. My colleague has "
            "waited four years for a security screening with no news at all.\n\n"
            "Please support clear timelines.\n\n{supporter_name}\n{supporter_city}, "
            "{supporter_postal_code}"
        ),
        "first_name": "Ada",
        "last_name": "Lovelace",
        "email": "ada@example.org",
        "street_address": "12 Harwood Avenue South",
        "city": "Ajax",
        "postal_code": "L1S 2J5",
        "consent_send": "on",
        "website": "",
        "rendered_at": signed_render_time(30),
    }
    data.update(overrides)
    return {name: value for name, value in data.items() if value is not None}


def screened_data(**overrides):
    """The compose form's cleaned data as `letters.screening.screen_submission` receives it."""
    data = {
        "first_name": "Alex",
        "last_name": "Doe",
        "email": "alex@example.org",
        "street_address": "1 Main Street",
        "city": "Ottawa",
        "postal_code": "K1A 0A6",
        "subject": "Equal treatment",
        "body": "Dear Hon. Jane Example, I support equal treatment.",
        "website": "",
        "rendered_at": time.time() - 10,
    }
    data.update(overrides)
    return data
