"""Query counts stay flat as content grows; production settings refuse missing environment."""

import datetime
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaign.models import FAQPage
from tests.factories import NewsPageFactory

MAX_QUERIES = 30
URLS = ["/en/", "/ru/", "/en/news/", "/ru/faq/", "/en/news/feed/", "/en/demands/"]


def grow(site_content, start, count):
    index = site_content["news"]
    for number in range(start, start + count):
        NewsPageFactory(
            parent=index,
            title=f"Update {number}",
            slug=f"update-{number}",
            date=datetime.date(2026, 1, 1) + datetime.timedelta(days=number),
            publish=True,
        )
    faq = FAQPage.objects.get(pk=site_content["faq"].pk)
    questions = list(faq.questions.raw_data)
    for number in range(start, start + count):
        questions.append(
            {
                "type": "question",
                "value": {
                    "question": f"Question {number}?",
                    "anchor": f"question-{number}",
                    "answer": "<p>Yes.</p>",
                },
            }
        )
    faq.questions = questions
    faq.save_revision().publish()


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_queries_per_page_do_not_grow_with_news_or_faq(
    client, site_content, django_assert_max_num_queries, settings
):
    # The content version is read at every request, not once a second, so that the counts do
    # not depend on how fast the machine runs the requests.
    settings.PAGE_CACHE_VERSION_CHECK_SECONDS = 0
    grow(site_content, 0, 3)
    few = {url: count_queries(client, url) for url in URLS}
    grow(site_content, 3, 17)
    for url in URLS:
        with django_assert_max_num_queries(MAX_QUERIES):
            many = count_queries(client, url)
        assert many <= few[url], f"{url}: {few[url]} queries with 3 items, {many} with 20"


@pytest.mark.slow
@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"])
def test_production_settings_refuse_missing_environment(missing):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"}
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="letusbelong.settings.production",
        SECRET_KEY="a-production-secret-key-that-is-long-enough-0123456789",
        ALLOWED_HOSTS="letusbelong.example",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/letusbelong",
    )
    del environment[missing]
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert missing in result.stderr
