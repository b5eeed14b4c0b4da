"""The email service's tracking webhook: django-anymail's view for ANYMAIL_ESP, made strict.

Mounted at `/anymail/<esp>/tracking/` (outside the language prefix). It answers 404 unless
`<esp>` is the configured ANYMAIL_ESP and ANYMAIL_WEBHOOK_SECRET is set, so an unprotected
webhook is never open. Then, as anymail does it:

- a request without the right basic auth gets 400 and changes nothing (anymail's
  `AnymailWebhookValidationFailure`). Amazon SNS alone first gets 401 with a Basic challenge
  when it sent no credentials at all, because SNS only sends them after that challenge;
- Amazon SNS's own RSA signature is verified too (letters/sns.py), and a subscription is
  confirmed by loading its SubscribeURL (no boto3, no AWS credentials);
- a body that is not the service's format gets 400, never 500;
- each event goes to anymail's `tracking` signal, which letters/tracking.py receives. A report
  that arrives before the letter's send is recorded gets 503 with Retry-After, so the service
  delivers it again a little later.
"""

from anymail.exceptions import (
    AnymailConfigurationError,
    AnymailError,
    AnymailWebhookValidationFailure,
)
from anymail.urls import urlpatterns as anymail_urlpatterns
from anymail.utils import get_anymail_setting
from anymail.webhooks.amazon_ses import AmazonSESBaseWebhookView, AmazonSESTrackingWebhookView
from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_exempt

from letters import sns, tracking

RETRY_AFTER_SECONDS = 60
MALFORMED = (
    AnymailError,
    AnymailConfigurationError,  # e.g. an inbound webhook pointed at the tracking URL
    ValueError,
    KeyError,
    TypeError,
    AttributeError,
    UnicodeDecodeError,
)


class StrictTrackingMixin:
    """What every mounted tracking view adds to anymail's: 400 for malformed input, 503 for a
    report that cannot be applied yet."""

    def run_validators(self, request):
        try:
            super().run_validators(request)
        except AnymailWebhookValidationFailure:
            raise
        except MALFORMED as error:
            raise AnymailWebhookValidationFailure("Malformed webhook body") from error

    def parse_events(self, request):
        try:
            return super().parse_events(request)
        except (sns.Unreachable, AnymailWebhookValidationFailure):
            raise
        except MALFORMED as error:
            raise AnymailWebhookValidationFailure("Malformed webhook event") from error

    @method_decorator(csrf_exempt)
    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except (tracking.NotYet, sns.Unreachable):
            response = HttpResponse("Try again later.", status=503, content_type="text/plain")
            response["Retry-After"] = str(RETRY_AFTER_SECONDS)
            return response


class SignedAmazonSESTrackingWebhookView(StrictTrackingMixin, AmazonSESTrackingWebhookView):
    """Amazon SES through SNS, with SNS's signature checked after anymail's own checks."""

    def __init__(self, **kwargs):
        # anymail's SES view asks boto3 for AWS parameters here, only to confirm subscriptions
        # through the AWS API; the SubscribeURL confirms them without credentials.
        self.auto_confirm_enabled = True
        super(AmazonSESBaseWebhookView, self).__init__(**kwargs)

    def run_validators(self, request):
        super().run_validators(request)  # the SNS headers, then the basic auth
        try:
            sns.verify(self._parse_sns_message(request))
        except sns.BadSignature as error:
            raise AnymailWebhookValidationFailure(f"Amazon SNS signature: {error}") from error

    def auto_confirm_sns_subscription(self, sns_message):
        try:
            sns.confirm_subscription(sns_message)
        except sns.BadSignature as error:
            raise AnymailWebhookValidationFailure(f"Amazon SNS subscription: {error}") from error


SPECIAL_VIEWS = {"amazon_ses": SignedAmazonSESTrackingWebhookView}
_views = {}


def tracking_view_class(esp):
    """The strict tracking view for an anymail ESP name, or None if anymail has none."""
    if esp in SPECIAL_VIEWS:
        return SPECIAL_VIEWS[esp]
    for pattern in anymail_urlpatterns:
        if getattr(pattern, "name", None) == f"{esp}_tracking_webhook":
            base = pattern.callback.view_class
            return type(f"Strict{base.__name__}", (StrictTrackingMixin, base), {})
    return None


def webhook_secret():
    return get_anymail_setting("webhook_secret", default="")


@csrf_exempt
def tracking_webhook(request, esp):
    """Dispatch to the configured ESP's view; 404 for any other, or while there is no secret."""
    if not esp or esp != settings.ANYMAIL_ESP or not webhook_secret():
        raise Http404
    if esp not in _views:
        view_class = tracking_view_class(esp)
        if view_class is None:
            raise Http404
        _views[esp] = view_class.as_view()
    return _views[esp](request)
