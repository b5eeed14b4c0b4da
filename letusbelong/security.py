"""Security headers and admin hardening that Django's own settings do not cover.

`SecurityHeadersMiddleware` (placed right after Django's SecurityMiddleware, so it also sees
responses from the page cache):
- refuses a request body larger than `MAX_REQUEST_BYTES` from its Content-Length, before
  anything reads it (413);
- adds `Permissions-Policy` (no camera, microphone, geolocation…) to every response;
- on `/admin/`: `Cache-Control: no-store`; the login and two-factor pages get a strict CSP
  (no inline script), every other admin page an enforced policy that forbids framing by other
  sites plus a strict report-only policy whose reports go to `csp_report` (which only logs).

`PersonalDataReporterFilter` keeps what supporters typed out of error reports. The two-factor
middleware of the admin is accounts/middleware.py.
"""

import json
import logging
import unicodedata

from django.conf import settings
from django.http import HttpResponse
from django.middleware.csp import get_nonce
from django.utils.csp import CSP, build_policy
from django.views.debug import SafeExceptionReporterFilter
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from accounts.paths import is_admin_path, sign_in_paths
from core.http import client_network
from core.ratelimit import allow, hashed_key

logger = logging.getLogger("letusbelong.security")

# Only features Chromium knows: it logs "Error with Permissions-Policy header: Unrecognized
# feature" on every page for any other name (ambient-light-sensor, battery, bluetooth and
# document-domain did); Firefox ignores the ones it lacks. No ad-API names (interest-cohort,
# browsing-topics): Firefox knows neither. tests/campaign/test_page_finish.py keeps it so.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)

# The admin's login and two-factor pages load only Wagtail's own static scripts and styles:
# the public pages' policy, without even a nonce.
STRICT_ADMIN_CSP = {**settings.SECURE_CSP, "script-src": [CSP.SELF]}
# The editor needs inline scripts (Wagtail's panels), so the rest of the admin enforces only what
# it can keep today and reports what a strict policy would block.
ADMIN_CSP = {
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
CSP_REPORT_PATH = "/csp-report/"
MAX_REPORT_BYTES = 16 * 1024
# A CSP report is an object holding one object of strings and numbers: anything deeper is not
# from a browser, and Python's json would recurse once per level (a RecursionError, a 500).
MAX_REPORT_DEPTH = 8
CSP_REPORTS_PER_MINUTE = 30


class SecurityHeadersMiddleware:
    """Adds the headers Django's settings do not produce (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self.body_too_large(request):
            return HttpResponse(
                "Request body too large.", status=413, content_type="text/plain; charset=utf-8"
            )
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if is_admin_path(request.path):
            self.harden_admin(request, response)
        return response

    @staticmethod
    def body_too_large(request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return False
        return length > settings.MAX_REQUEST_BYTES

    @staticmethod
    def harden_admin(request, response):
        response["Cache-Control"] = "no-store"
        nonce = get_nonce(request)
        if request.path.startswith(sign_in_paths()):
            response[str(CSP.HEADER_ENFORCE)] = build_policy(STRICT_ADMIN_CSP, nonce)
            return
        enforced = dict(ADMIN_CSP)
        if response.get("X-Frame-Options") == "SAMEORIGIN":
            # Wagtail's preview panel frames the preview view inside the editor.
            enforced["frame-ancestors"] = [CSP.SELF]
        response[str(CSP.HEADER_ENFORCE)] = build_policy(enforced, nonce)
        report_only = {
            **STRICT_ADMIN_CSP,
            "frame-ancestors": enforced["frame-ancestors"],
            "report-uri": [CSP_REPORT_PATH],
        }
        response[str(CSP.HEADER_REPORT_ONLY)] = build_policy(report_only, nonce)


@csrf_exempt  # browsers post reports without a token; the view only logs a summary
@require_POST
def csp_report(request):
    """Log a CSP violation report (directive and blocked origin only, never the page's query).

    At most `CSP_REPORTS_PER_MINUTE` reports per client address are logged, so nobody can flood
    the logs through it."""
    if not allow(
        hashed_key("csp-report", client_network(request)),
        limit=CSP_REPORTS_PER_MINUTE,
        window_seconds=60,
    ):
        return HttpResponse(status=204)
    body = request.read(MAX_REPORT_BYTES + 1)
    if len(body) > MAX_REPORT_BYTES or json_depth(body) > MAX_REPORT_DEPTH:
        return HttpResponse(status=400)
    try:
        report = json.loads(body or b"{}").get("csp-report", {})
    except (ValueError, AttributeError):
        return HttpResponse(status=400)
    if not isinstance(report, dict):
        return HttpResponse(status=400)
    logger.warning(
        "csp.violation directive=%s blocked=%s document=%s",
        loggable(report.get("violated-directive", ""), 100),
        loggable(str(report.get("blocked-uri", "")).split("?", 1)[0], 200),
        loggable(str(report.get("document-uri", "")).split("?", 1)[0], 200),
    )
    return HttpResponse(status=204)


def json_depth(body):
    """How deeply the JSON text's arrays and objects nest (brackets inside strings ignored),
    counted without parsing, so no body can make the parser recurse."""
    depth = deepest = 0
    in_string = escaped = False
    for byte in body:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:  # quote
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):  # [ {
            depth += 1
            deepest = max(deepest, depth)
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return deepest


def loggable(value, limit):
    """`value` as one log field: control, format and line-separator characters (CR, LF, NUL,
    bidi overrides…) removed, so a report cannot forge log lines; at most `limit` characters."""
    text = "".join(
        char
        for char in str(value)[: limit * 2]
        if unicodedata.category(char) not in ("Cc", "Cf", "Zl", "Zp")
    )
    return text[:limit]


class PersonalDataReporterFilter(SafeExceptionReporterFilter):
    """Error reports (admin emails, any reporter using Django's filter) never carry what a
    supporter typed: every POST value, every local variable of the traceback and the client's
    address are replaced by stars. Set as `DEFAULT_EXCEPTION_REPORTER_FILTER`."""

    HIDDEN_META = ("REMOTE_ADDR", "HTTP_X_FORWARDED_FOR", "HTTP_X_REAL_IP", "HTTP_COOKIE")

    def get_post_parameters(self, request):
        if request is None or not self.is_active(request):
            return super().get_post_parameters(request)
        return {name: self.cleansed_substitute for name in request.POST}

    def get_traceback_frame_variables(self, request, tb_frame):
        if not self.is_active(request):
            return super().get_traceback_frame_variables(request, tb_frame)
        return [(name, self.cleansed_substitute) for name in tb_frame.f_locals]

    def get_safe_request_meta(self, request):
        meta = super().get_safe_request_meta(request)
        for name in self.HIDDEN_META:
            if name in meta:
                meta[name] = self.cleansed_substitute
        return meta
