"""The "Where MPs stand" page's views (the page's routes call them; they never import it).

- GET  <page>/?q=&province=&party=&riding=   the list, filtered; no query: cacheable for all

The page's postal-code search is a plain URL, in replies/views.py (it finds the page, so it
sits above the page's module, not below it like these).
"""

from django.conf import settings
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.charts import bar_chart
from directory.lookup import ridings_with_mp
from directory.models import Province
from directory.names import searchable_text

from . import figures
from .demands import current_demands
from .models.stances import Position

MAX_QUERY = 100


def _rows(language):
    """Every riding with its MP, stances, letters and reply figures (five queries)."""
    ridings = list(ridings_with_mp().order_by("province", "name_en"))
    mp_ids = [riding.current_mp.pk for riding in ridings if riding.current_mp]
    stances = figures.current_stances(mp_ids)
    replies = figures.reply_figures(mp_ids)
    letters = figures.letters_sent_by_riding()
    demands = current_demands(language)
    rows = []
    for riding in ridings:
        mp = riding.current_mp
        rows.append(
            {
                "riding": riding,
                "riding_name": riding.name_for_language(language),
                "province": riding.province,
                "province_name": Province(riding.province).label,
                "mp": mp,
                "party": (mp.party if mp else "") or "",
                "party_name": mp.party_name if mp else "",
                "stances": [
                    (title, url, stances.get((mp.pk, demand.pk)) if mp else None)
                    for demand, title, url in demands
                ],
                "letters": letters.get(riding.fed_code, 0),
                "replies": replies.get(mp.pk) if mp else None,
            }
        )
    return rows, demands, stances


def _matches(row, words):
    mp = row["mp"]
    riding = row["riding"]
    haystack = searchable_text(
        " ".join(
            [riding.name_en, riding.name_fr, riding.fed_code, *map(str, riding.other_names)]
            + ([mp.name] if mp else [])
        )
    )
    return all(word in haystack for word in words)


def _chart_and_table(title, groups, description):
    positions = list(Position.choices)
    labels = list(groups)
    series = [(label, [groups[group][value] for group in labels]) for value, label in positions]
    table = {
        "columns": [label for _value, label in positions],
        "rows": [(group, [groups[group][value] for value, _l in positions]) for group in labels],
    }
    chart = bar_chart(title=title, description=description, labels=labels, series=series)
    return {"title": title, "svg": chart, "table": table}


def where_mps_stand(request, page):
    language = get_language()
    rows, demands, stances = _rows(language)
    query = (request.GET.get("q") or "")[:MAX_QUERY]
    province = request.GET.get("province") or ""
    party = request.GET.get("party") or ""
    riding_code = request.GET.get("riding") or ""
    # The filter keeps the directory's value (the same in every language); the reader sees
    # the party's name in their language.
    names = {row["party"]: row["party_name"] for row in rows if row["party"]}
    parties = sorted(names.items(), key=lambda item: item[1])
    errors = []
    if province and province not in Province.values:
        errors.append(_("Please choose a province or territory from the list."))
        province = ""
    if party and party not in names:
        errors.append(_("Please choose a party from the list."))
        party = ""
    shown = rows
    if words := searchable_text(query).split():
        shown = [row for row in shown if _matches(row, words)]
    if province:
        shown = [row for row in shown if row["province"] == province]
    if party:
        shown = [row for row in shown if row["party"] == party]
    if codes := set(riding_code.split(",")) - {""}:
        shown = [row for row in shown if row["riding"].fed_code in codes]

    description = _("Each sitting MP counts once per demand. The table below has the numbers.")
    by_party = figures.summary(rows, demands, stances, key=lambda row: row["party_name"] or "—")
    by_province = figures.summary(rows, demands, stances, key=lambda row: row["province_name"])
    context = page.get_context(request)
    context.update(
        {
            "rows": shown,
            "total_ridings": len(rows),
            "demands": demands,
            "query": query,
            "province": province,
            "party": party,
            "riding_code": riding_code,
            "filtered": bool(words or province or party or riding_code),
            "provinces": Province.choices,
            "parties": parties,
            "errors": errors,
            "min_answers": settings.REPLY_MIN_ANSWERS,
            "charts": [
                _chart_and_table(_("Stances by party"), by_party, description),
                _chart_and_table(_("Stances by province or territory"), by_province, description),
            ],
            "lookup_error": request.GET.get("lookup") == "none",
        }
    )
    status = 400 if errors else 200
    return TemplateResponse(request, "replies/where_mps_stand_page.html", context, status=status)
