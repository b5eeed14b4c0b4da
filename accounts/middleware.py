"""`AdminTwoFactorMiddleware` (after django_otp's OTPMiddleware): with `ADMIN_REQUIRE_2FA`, a
signed-in staff user whose session is not verified with a TOTP device reaches no admin view
but the two-factor enrolment and verification pages (accounts/views.py)."""

from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import reverse
from django_otp import devices_for_user

from accounts.paths import is_admin_path, sign_in_paths, two_factor_assets


class AdminTwoFactorMiddleware:
    """Keeps staff without a verified TOTP device out of every admin view but enrolment."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self.must_verify(request):
            return HttpResponseRedirect(self.next_step(request))
        return self.get_response(request)

    @staticmethod
    def must_verify(request):
        if not settings.ADMIN_REQUIRE_2FA or not is_admin_path(request.path):
            return False
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return False  # Wagtail sends them to its login page
        if request.path.startswith(sign_in_paths() + two_factor_assets()):
            return False
        return not user.is_verified()

    @staticmethod
    def next_step(request):
        confirmed = any(True for _device in devices_for_user(request.user, confirmed=True))
        url = reverse("accounts:verify" if confirmed else "accounts:enrol")
        return f"{url}?{urlencode({'next': request.get_full_path()})}"
