"""Amazon SNS messages (how Amazon SES delivers its tracking events): signature and subscription.

django-anymail checks the basic auth of SES webhooks but not SNS's own RSA signature, so this
verifies it as Amazon documents (https://docs.aws.amazon.com/sns/latest/dg/sns-verify-signature-
of-message.html): the signing certificate must come over HTTPS from an SNS host
(`AMAZON_SNS_URL_PATTERN`), and the signature (SignatureVersion 1: SHA1, 2: SHA256, RSA PKCS#1
v1.5) must match the message's fields in Amazon's order. Certificates are cached for a day.

It also confirms a subscription by loading its SubscribeURL (on the same kind of host), which is
all Amazon asks: no AWS credentials and no boto3 are needed for the webhook.
"""

import base64
import binascii
import hashlib
import re

import requests
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding
from django.conf import settings
from django.core.cache import cache

CERTIFICATE_CACHE_SECONDS = 24 * 3600
TIMEOUT_SECONDS = 5
SIGNED_FIELDS = {
    "Notification": ["Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"],
    "SubscriptionConfirmation": [
        "Message",
        "MessageId",
        "SubscribeURL",
        "Timestamp",
        "Token",
        "TopicArn",
        "Type",
    ],
}
SIGNED_FIELDS["UnsubscribeConfirmation"] = SIGNED_FIELDS["SubscriptionConfirmation"]
HASHES = {"1": hashes.SHA1, "2": hashes.SHA256}


class BadSignature(Exception):
    """The message is not signed by Amazon SNS (or not in a form we accept)."""


class Unreachable(Exception):
    """Amazon could not be reached for the certificate or the confirmation: try again later."""


def is_sns_url(url):
    """True for an address on an Amazon SNS host (AMAZON_SNS_URL_PATTERN), and nothing else."""
    return isinstance(url, str) and re.match(settings.AMAZON_SNS_URL_PATTERN, url) is not None


def string_to_sign(message):
    """The bytes Amazon signs: each signed field present, as "name\\nvalue\\n", in order."""
    fields = SIGNED_FIELDS.get(message.get("Type"))
    if fields is None:
        raise BadSignature("unknown message type")
    parts = []
    for name in fields:
        if name in message and message[name] is not None:
            parts.append(f"{name}\n{message[name]}\n")
    return "".join(parts).encode()


def verify(message):
    """Raise BadSignature unless `message` (the parsed JSON body) carries a valid SNS signature;
    Unreachable if the certificate cannot be fetched now."""
    algorithm = HASHES.get(str(message.get("SignatureVersion")))
    if algorithm is None:
        raise BadSignature("unsupported SignatureVersion")
    url = message.get("SigningCertURL")
    if not is_sns_url(url):
        raise BadSignature("the signing certificate is not on an Amazon SNS host")
    try:
        signature = base64.b64decode(message.get("Signature") or "", validate=True)
    except (binascii.Error, ValueError) as error:
        raise BadSignature("the signature is not base64") from error
    certificate = signing_certificate(url)
    try:
        certificate.public_key().verify(
            signature, string_to_sign(message), padding.PKCS1v15(), algorithm()
        )
    except (InvalidSignature, TypeError, ValueError) as error:
        raise BadSignature("the signature does not match") from error


def signing_certificate(url):
    key = "sns-certificate:" + hashlib.sha256(url.encode()).hexdigest()
    pem = cache.get(key)
    if pem is None:
        try:
            response = requests.get(url, timeout=TIMEOUT_SECONDS, allow_redirects=False)
            response.raise_for_status()
        except requests.RequestException as error:
            raise Unreachable("the signing certificate could not be fetched") from error
        pem = response.content
    try:
        certificate = x509.load_pem_x509_certificate(pem)
    except ValueError as error:
        raise BadSignature("the signing certificate is not a PEM certificate") from error
    cache.set(key, pem, CERTIFICATE_CACHE_SECONDS)
    return certificate


def confirm_subscription(message):
    """Load the SubscribeURL of a (verified) SubscriptionConfirmation, on an SNS host only."""
    url = message.get("SubscribeURL")
    if not is_sns_url(url):
        raise BadSignature("the subscription link is not on an Amazon SNS host")
    try:
        requests.get(url, timeout=TIMEOUT_SECONDS, allow_redirects=False).raise_for_status()
    except requests.RequestException as error:
        raise Unreachable("the subscription could not be confirmed") from error
