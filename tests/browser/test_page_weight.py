"""The home page and the letter page each transfer at most 100 KB of HTML, CSS and JS,
compressed (images excluded), and load nothing from another origin (TRUST.md item 20)."""

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

BUDGET_BYTES = 100 * 1024
PATHS = ["/en/", "/ru/", "/en/write-to-your-mp/", "/ru/write-to-your-mp/"]


def test_home_and_letter_page_weight_and_origins(visit):
    for path in PATHS:
        site = visit()  # a fresh context: nothing in the browser's cache
        site.goto(path)
        site.page.wait_for_load_state("networkidle")
        sizes = site.transfer_sizes()
        total = sum(sizes.values())
        report = "\n".join(f"{size:>8} {url}" for url, size in sorted(sizes.items()))
        print(f"{path}: {total} bytes compressed\n{report}")
        assert any(url.endswith(path) for url in sizes), f"the page was not weighed:\n{report}"
        assert any(".css" in url for url in sizes), f"no stylesheet was weighed:\n{report}"
        assert total <= BUDGET_BYTES, f"{path} transfers {total} bytes compressed:\n{report}"
        site.assert_same_origin()
