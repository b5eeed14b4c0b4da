"""The letter steps' titles name the step, the campaign and the brand, each once."""

import html
import re

import pytest

from tests.support.letters import write_url

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_write_steps_title_does_not_repeat_the_campaigns(client, letter_site, language):
    content = client.get(write_url(language)).content.decode()
    title = html.unescape(re.search(r"<title>(.*?)</title>", content, re.S)[1])
    parts = [part.strip() for part in title.split("·")]
    assert len(parts) == len(set(parts)) and parts[-1] == "Let Us Belong", title
