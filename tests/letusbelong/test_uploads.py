"""TRUST 10: SVG and HTML documents download as attachments under `default-src 'none'`, and an
oversized upload is refused before its body is read."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from wagtail.documents.models import Document

from letusbelong.security import SecurityHeadersMiddleware

pytestmark = pytest.mark.django_db
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'
HTML = b"<html><body><script>alert(document.cookie)</script></body></html>"


@pytest.mark.parametrize(("name", "content"), [("evil.svg", SVG), ("evil.html", HTML)])
def test_active_documents_are_served_as_attachments(client, name, content, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    document = Document(title=name)
    document.file.save(name, ContentFile(content), save=False)
    document.save()
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [("evil.svg", SVG, "image/svg+xml"), ("evil.html", HTML, "text/html"), ("evil.htm", HTML, "")],
)
def test_svg_and_html_cannot_even_be_uploaded(admin_client, name, content, content_type):
    extension = name.rsplit(".", 1)[1]
    response = admin_client.post(
        "/admin/documents/add/",
        {"title": "evil", "file": SimpleUploadedFile(name, content, content_type)},
    )
    assert response.status_code == 200  # the form again, with the reason
    assert f"File extension “{extension}” is not allowed" in response.content.decode()
    assert not Document.objects.filter(title="evil").exists()


def test_an_oversized_body_is_refused_before_it_is_read(settings):
    settings.MAX_REQUEST_BYTES = 1000

    class Unreadable:
        def read(self, *args):
            raise AssertionError("the body was read")

        readline = read

    def view(request):
        request.body  # noqa: B018 - would read the stream
        raise AssertionError("the view was reached")

    request = RequestFactory().post("/admin/documents/add/", data=b"", content_type="text/plain")
    request.META["CONTENT_LENGTH"] = "5000000"
    request.META["wsgi.input"] = Unreadable()
    request._stream = Unreadable()
    response = SecurityHeadersMiddleware(view)(request)
    assert response.status_code == 413


def test_an_oversized_document_fails_validation(admin_client, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1000
    response = admin_client.post(
        "/admin/documents/add/",
        {"title": "big", "file": SimpleUploadedFile("big.txt", b"x" * 5000, "text/plain")},
    )
    assert response.status_code == 200
    assert not Document.objects.filter(title="big").exists()
