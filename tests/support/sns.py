"""A stand-in for Amazon SNS's two public addresses, on 127.0.0.1: a real local HTTP server.

SES reports reach the site through SNS, whose messages are RSA-signed with a certificate that
the site downloads from SNS, and whose subscriptions are confirmed by loading a SubscribeURL.
The `sns_server` fixture makes a key and a self-signed certificate, serves the certificate at
`/SimpleNotificationService-test.pem`, records every request (`sns_server.requests`, paths),
and points `settings.AMAZON_SNS_URL_PATTERN` at itself, so nothing reaches the internet:

    def test_x(sns_server):
        message = sns_server.sign({"Type": "Notification", "MessageId": "…", …})
        # message now has SignatureVersion, Signature and SigningCertURL, as SNS sends it
        sns_server.url("/confirm?Token=x")   # an address the site accepts as SNS's
"""

import base64
import datetime
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import NameOID

from letters import sns

CERT_PATH = "/SimpleNotificationService-test.pem"


class SnsServer:
    """The certificate and the subscription links, served; see the module's docstring."""

    def __init__(self):
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "sns.test.amazonaws.com")])
        now = datetime.datetime.now(datetime.UTC)
        certificate = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(self.key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=1))
            .sign(self.key, hashes.SHA256())
        )
        self.pem = certificate.public_bytes(serialization.Encoding.PEM)
        self.requests = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - the stdlib's name
                server.requests.append(self.path)
                body = server.pem if self.path == CERT_PATH else b"<ConfirmSubscriptionResponse/>"
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path):
        return self.base + path

    def sign(self, message, *, version="2"):
        """`message` with SNS's signature fields, signed by this server's key."""
        signed = dict(message, SignatureVersion=version, SigningCertURL=self.url(CERT_PATH))
        algorithm = hashes.SHA256() if version == "2" else hashes.SHA1()  # noqa: S303
        signature = self.key.sign(sns.string_to_sign(signed), padding.PKCS1v15(), algorithm)
        signed["Signature"] = base64.b64encode(signature).decode()
        return signed

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def sns_server(settings):
    from django.core.cache import cache

    server = SnsServer()
    settings.AMAZON_SNS_URL_PATTERN = rf"http://127\.0\.0\.1:{server.httpd.server_port}/"
    cache.clear()  # no certificate cached by an earlier test
    yield server
    server.stop()
