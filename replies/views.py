"""The answer page a follow-up email links to: GET shows the choice (a one-click link
preselects it) and changes nothing; POST records it. No login: the signed link is the key,
and the answer can be changed later from the same link.

Every response says `Cache-Control: no-store`, and the token never reaches a log line of ours."""

from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import follow_ups
from .forms import AnswerForm
from .models.follow_up import Answer, QuoteStatus


@csrf_exempt  # the signed link is the authorisation; supporters need no cookie to answer
@require_http_methods(["GET", "HEAD", "POST"])
def answer(request, token):
    try:
        follow_up = follow_ups.follow_up_for_token(token)
    except follow_ups.BadToken:
        return _no_store(TemplateResponse(request, "replies/bad_link.html", {}, status=400))

    if request.method == "POST":
        form = AnswerForm(request.POST)
        if form.is_valid():
            follow_ups.record_answer(
                follow_up,
                answer=form.cleaned_data["answer"],
                reply_text=form.cleaned_data["reply_text"],
                quote_consent=form.cleaned_data["quote_consent"],
            )
            response = HttpResponseRedirect(request.path + "?saved=1")
            response.status_code = 303
            return _no_store(response)
        status = 400
    else:
        chosen = request.GET.get("answer")
        initial = {
            "answer": chosen if chosen in Answer.values else follow_up.answer,
            "reply_text": follow_up.reply_text,
            "quote_consent": follow_up.quote_consent,
        }
        form = AnswerForm(initial=initial)
        status = 200
    context = {
        "follow_up": follow_up,
        "form": form,
        "saved": request.method == "GET" and request.GET.get("saved") == "1",
        "preselected": request.method == "GET" and request.GET.get("answer") in Answer.values,
        "quote_approved": follow_up.quote_status == QuoteStatus.APPROVED,
    }
    return _no_store(TemplateResponse(request, "replies/answer.html", context, status=status))


def _no_store(response):
    add_never_cache_headers(response)
    return response
