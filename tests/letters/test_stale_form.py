"""Issue 12, hole 13: the letter form's anti-bot render stamp serves for 2 hours only; an older
one gets a translated 400 that keeps everything typed and carries a fresh stamp."""

import html
import re
import time

import pytest
from django.core import signing

from letters.models import Letter
from letters.screening import RENDERED_AT_SALT
from tests.factories import compose_data, signed_render_time
from tests.support.letters import letter_tasks, write_url

pytestmark = pytest.mark.django_db
MESSAGES = {"en": "open for more than 2 hours", "ru": "была открыта больше 2 часов"}
OWN_WORDS = "My neighbour Olha has waited three years for her work permit."


@pytest.mark.parametrize("language", ["en", "ru"])
def test_a_stamp_older_than_two_hours_is_refused_and_nothing_typed_is_lost(
    client, letter_site, language
):
    data = compose_data(rendered_at=signed_render_time(2 * 3600 + 60))
    data["body"] = data["body"].replace("I teach chemistry.", f"I teach chemistry. {OWN_WORDS}")
    response = client.post(write_url(language), data)
    assert response.status_code == 400
    content = html.unescape(response.content.decode())
    assert MESSAGES[language] in content
    assert OWN_WORDS in content and 'value="Lovelace"' in content
    assert not Letter.objects.exists() and not letter_tasks().exists()
    fresh = re.search(r'name="rendered_at" value="([^"]+)"', content)[1]
    assert abs(signing.loads(fresh, salt=RENDERED_AT_SALT) - time.time()) < 60


def test_one_stamp_cannot_serve_many_posts_after_two_hours(client, letter_site, letter_limits):
    stamp = signed_render_time(2 * 3600 + 1)
    statuses = {
        client.post(
            write_url("en"), compose_data(email=f"w{n}@example.org", rendered_at=stamp)
        ).status_code
        for n in range(3)
    }
    assert statuses == {400} and not Letter.objects.exists()


def test_a_stamp_just_under_two_hours_still_works(client, letter_site):
    response = client.post(write_url("en"), compose_data(rendered_at=signed_render_time(7100)))
    assert response.status_code == 303 and Letter.objects.count() == 1
