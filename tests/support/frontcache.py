"""Varnish in front of the live server, as a fixture (the launcher is tests/support/loopback.py).

`varnish_front` (with `live_server`): Varnish with deploy/varnish/letusbelong.vcl in front of
the live server, and `settings.WAGTAILFRONTENDCACHE` pointing the site's purges at it.
"""

import pytest

from tests.support.loopback import Varnish


@pytest.fixture
def varnish_front(live_server, settings, tmp_path):
    """Varnish in front of the live server; the site's purges go to it."""
    port = int(live_server.url.rsplit(":", 1)[1])
    varnish = Varnish([port], log_dir=tmp_path).start()
    # Varnish is the site's public address: the Host it passes on names its port.
    settings.LETTERS_SITE_URL = varnish.url
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {"BACKEND": "core.frontcache.TimedHTTPBackend", "LOCATION": varnish.url}
    }
    yield varnish
    varnish.stop()
