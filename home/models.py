from wagtail.models import Page


class HomePage(Page):
    """The campaign's home page: one per language, at the root of each locale's tree."""

    max_count_per_parent = 1
    parent_page_types = ["wagtailcore.Page"]
