"""Where the admin and its sign-in pages live, for the middlewares that guard them."""

from django.conf import settings


def admin_prefix():
    return settings.ADMIN_URL_PREFIX


def is_admin_path(path):
    return path.startswith(admin_prefix())


def sign_in_paths():
    """The login and two-factor pages: reachable before the second factor, and given the strict
    content security policy (letusbelong/security.py)."""
    return (f"{admin_prefix()}login/", f"{admin_prefix()}2fa/")


def two_factor_assets():
    """What the sign-in and two-factor pages load or post to; none of it shows any data."""
    return tuple(f"{admin_prefix()}{part}/" for part in ("logout", "jsi18n", "sprite"))
