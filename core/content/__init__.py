"""Building the site's content in code, in English and Russian, through wagtail-localize.

- `dsl.py`: the vocabulary each app writes its texts in (`T(english, russian)`, rich text,
  StreamField values);
- `registry.py`: `@content_step(order)`, how each app feeds its content (in its `content`
  module, found when `load_campaign_content` runs);
- `loader.py`: `ContentLoader`, which creates or updates the English pages and makes their
  Russian translations through wagtail-localize.
"""
