"""Search: the current language only, robust to odd queries, paginated."""

import pytest


def result_links(html):
    start = html.find('<ol class="search-results"')
    if start < 0:
        return []
    section = html[start : html.find("</ol>", start)]
    return [part.split('"')[0] for part in section.split('href="')[1:]]


@pytest.mark.django_db
def test_search_stays_within_the_current_language(client, site_content):
    # "Let Us Belong" appears in both languages' pages.
    for language in ["en", "ru"]:
        links = result_links(client.get(f"/{language}/search/?q=Belong").content.decode())
        assert links, language
        assert all(link.startswith(f"/{language}/") for link in links), links
    russian = result_links(client.get("/ru/search/?q=депутат").content.decode())
    assert russian and all(link.startswith("/ru/") for link in russian)
    english_for_russian_word = result_links(client.get("/en/search/?q=депутат").content.decode())
    assert english_for_russian_word == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "",
        " ",
        "x" * 2000,
        "Canada " * 300,
        "%",
        "'",
        '"',
        "\\",
        "<script>alert(1)</script>",
        "a & b | !c :* (",
        "Дискриминация 差别 ✓ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ﷽ \u200b",
    ],
)
def test_search_answers_200_to_any_query(client, site_content, query):
    for language in ["en", "ru"]:
        response = client.get(f"/{language}/search/", {"q": query})
        assert response.status_code == 200
        assert "<script>alert(1)</script>" not in response.content.decode()


@pytest.mark.django_db
def test_search_paginates_and_survives_bad_page_numbers(client, site_content):
    for page_number in ["1", "2", "999", "abc", "-1"]:
        response = client.get("/en/search/", {"q": "Canada", "page": page_number})
        assert response.status_code == 200
