"""Server-drawn SVG charts (pygal), safe under the site's and the admin's CSP.

pygal writes an inline `<script>` (its tooltips' config) and an inline `<style>`; the CSP
allows neither (`script-src 'self' 'nonce-…'`, `style-src 'self'`). `bar_chart()` removes both,
its comments and any `style` attribute, and the look comes from `css/charts.css` (the same
class names: `.color-0`…, `.axis`, `.guide`). The SVG is an image for assistive technology:
`role="img"` labelled by its `<title>` and `<desc>`. Every chart needs a table alternative
beside it with the same numbers; the chart itself is never the only place they are."""

import math
from xml.etree import ElementTree

import pygal
from django.utils.safestring import mark_safe
from pygal.style import Style

SVG_NS = "http://www.w3.org/2000/svg"

# Colours with at least 3:1 contrast against white (WCAG 1.4.11, graphical objects); the same
# in css/charts.css, which draws them (the SVG's own style is removed).
SERIES_COLOURS = ("#1e6b34", "#a4120b", "#8a5a00", "#5c5c5c", "#1f4e9c", "#6b2c91")
# pygal lays labels out for these sizes: css/charts.css renders text at the same sizes.
CHART_STYLE = Style(
    colors=SERIES_COLOURS,
    font_family="sans-serif",
    label_font_size=14,
    major_label_font_size=14,
    legend_font_size=14,
    title_font_size=18,
    tooltip_font_size=14,
    value_font_size=14,
)


def _clean(svg, *, title, description):
    """No script, no style, no comments; an accessible image labelled by its title."""
    root = ElementTree.fromstring(svg)  # noqa: S314 - the SVG pygal just wrote, never input
    for parent in list(root.iter()):
        for child in list(parent):
            if child.tag in (f"{{{SVG_NS}}}script", f"{{{SVG_NS}}}style"):
                parent.remove(child)
    for element in root.iter():
        element.attrib.pop("style", None)
        # Plain tag names: the output never depends on namespace prefixes registered elsewhere.
        if isinstance(element.tag, str) and element.tag.startswith(f"{{{SVG_NS}}}"):
            element.tag = element.tag.split("}", 1)[1]
    root.attrib.pop("id", None)
    root.set("xmlns", SVG_NS)
    root.set("class", "chart__svg")
    root.set("role", "img")
    root.set("aria-label", f"{title}. {description}")
    root.set("focusable", "false")
    return ElementTree.tostring(root, encoding="unicode")


def _chart(chart_class, **options):
    """A pygal chart with the project's look and no script."""
    return chart_class(
        js=[],
        style=CHART_STYLE,
        disable_xml_declaration=True,
        no_prefix=True,
        truncate_legend=-1,
        truncate_label=-1,
        print_values=False,
        value_formatter=lambda value: f"{value:g}",
        margin=12,
        **options,
    )


def bar_chart(*, title, description, labels, series, height=None):
    """A horizontal stacked bar chart as safe inline SVG markup.

    `labels` name the bars (e.g. parties); `series` is [(name, [value per label])]."""
    chart = _chart(
        pygal.HorizontalStackedBar,
        title=str(title),
        width=800,
        height=height or max(240, 110 + 34 * len(labels)),
        legend_at_bottom=True,
        legend_at_bottom_columns=min(len(series), 2) or 1,
        show_y_guides=False,
    )
    chart.x_labels = [str(label) for label in labels]
    for name, values in series:
        chart.add(str(name), list(values))
    svg = _clean(chart.render(is_unicode=True), title=title, description=description)
    return mark_safe(svg)  # noqa: S308 - serialized by ElementTree, which escapes all text


def whole_steps(top, *, most=6):
    """At most `most` whole-number axis labels from 0 to at least `top`."""
    step = max(1, math.ceil(top / (most - 1)))
    return list(range(0, max(top, 1) + step, step))


def column_chart(*, title, description, labels, values, label_every=7):
    """Vertical bars of one series (e.g. letters per day) as safe inline SVG markup.

    `labels` name the bars in order; only every `label_every`-th is written under the axis
    (30 dates side by side would overlap), the table beside the chart has them all."""
    chart = _chart(
        pygal.Bar,
        title=str(title),
        width=800,
        height=320,
        show_legend=False,
        show_x_guides=False,
        x_labels_major_every=label_every,
        show_minor_x_labels=False,
    )
    chart.x_labels = [str(label) for label in labels]
    chart.y_labels = whole_steps(max(values, default=0))  # counts: never "0.8 letters"
    chart.add(str(title), list(values))
    svg = _clean(chart.render(is_unicode=True), title=title, description=description)
    return mark_safe(svg)  # noqa: S308 - serialized by ElementTree, which escapes all text
