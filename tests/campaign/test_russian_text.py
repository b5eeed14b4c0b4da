"""The Russian pages read as a Russian-speaking Canadian activist writes (docs/site.md, "Russian
proofreading"): the errors readers found are gone, and party and riding terms are Russian."""

import html
import re

import pytest

pytestmark = pytest.mark.django_db

GONE = {
    "/ru/": ["Китая и некоторых других государств бывшего Советского Союза", "на паузу"],
    "/ru/demands/": ["оправдаться от подозрений", "весточки", "основанием для недопустимости"],
    "/ru/write-to-your-mp/": ["одно из немногого"],
}
PRESENT = {
    "/ru/": ["ряда других стран бывшего Советского Союза, а также из Китая"],
    "/ru/demands/": ["опровергнуть подозрения", "недопустимым к въезду"],
    "/ru/write-to-your-mp/": ["то немногое, что в офисе каждого депутата действительно читают"],
    "/ru/faq/": ["избирательного округа", "постоянных резидентов"],
}


def text_of(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


@pytest.mark.parametrize("path", sorted(set(GONE) | set(PRESENT)))
def test_the_russian_pages_read_right(client, site_content, path):
    text = text_of(client, path)
    for wrong in GONE.get(path, []):
        assert wrong not in text, (path, wrong)
    for right in PRESENT.get(path, []):
        assert right in text, (path, right)
