"""`post_request(remote=, forwarded=, path=)`: a RequestFactory POST from a client address, with
an X-Forwarded-For header if given, in English (for code that reads the client's address)."""

import pytest
from django.test import RequestFactory


@pytest.fixture
def post_request():
    def build(remote="203.0.113.10", forwarded=None, path="/en/write-to-your-mp/"):
        extra = {"REMOTE_ADDR": remote}
        if forwarded is not None:
            extra["HTTP_X_FORWARDED_FOR"] = forwarded
        request = RequestFactory().post(path, **extra)
        request.LANGUAGE_CODE = "en"
        return request

    return build
