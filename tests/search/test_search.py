"""Search: the current language only, robust to odd queries, paginated."""

import pytest
from wagtail.search import index

from tests.factories import NewsPageFactory


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
    for number in range(23):
        page = NewsPageFactory(
            parent=site_content["news"],
            title=f"Quokka update {number}",
            summary="Quokka news.",
            publish=True,
        )
        index.insert_or_update_object(page)

    def results(page_number):
        response = client.get("/en/search/", {"q": "Quokka", "page": page_number})
        assert response.status_code == 200
        content = response.content.decode()
        return result_links(content), content

    pages = [results(number) for number in ("1", "2", "3")]
    assert [len(links) for links, _html in pages] == [10, 10, 3]
    every_link = [link for links, _html in pages for link in links]
    assert len(set(every_link)) == 23  # each result once, on one page
    first, second, last = (content for _links, content in pages)
    assert "Page 1 of 3" in first and 'rel="prev"' not in first
    assert 'rel="next" href="?q=Quokka&amp;page=2"' in first
    assert 'rel="prev" href="?q=Quokka&amp;page=1"' in second
    assert "Page 3 of 3" in last and 'rel="next"' not in last
    # Out of range: the last page; not a number: the first page (Paginator.get_page).
    assert results("999")[0] == results("-1")[0] == pages[2][0]
    assert results("abc")[0] == results("")[0] == pages[0][0]
