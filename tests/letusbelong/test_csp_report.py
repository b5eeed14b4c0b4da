"""Issue 12, hole 8: /csp-report/ refuses oversize and deeply nested bodies with 400, and what it
logs cannot forge a log line (letusbelong/security.py)."""

import json
import logging

import pytest

from letusbelong.security import MAX_REPORT_BYTES

pytestmark = pytest.mark.django_db


def post_report(client, body):
    return client.post("/csp-report/", body, content_type="application/csp-report")


def post_logged(client, caplog, fields):
    """Posts one report carrying `fields`, capturing what the endpoint logs."""
    with caplog.at_level(logging.WARNING, logger="letusbelong.security"):
        return post_report(client, json.dumps({"csp-report": fields}))


def test_the_csp_report_endpoint_logs_a_summary(client, caplog):
    page = "https://site.example/admin/pages/?q=secret"
    fields = {"document-uri": page, "violated-directive": "script-src", "blocked-uri": "inline"}
    assert post_logged(client, caplog, fields).status_code == 204
    assert "script-src" in caplog.text and "secret" not in caplog.text
    assert (
        client.post("/csp-report/", "not json", content_type="application/json").status_code == 400
    )
    assert client.get("/csp-report/").status_code == 405


@pytest.mark.parametrize(
    "body",
    [
        "[" * 100_000,
        "{" * 5_000,
        '{"csp-report": ' * 200 + "{}" + "}" * 200,
        json.dumps({"csp-report": {"violated-directive": "x" * (MAX_REPORT_BYTES + 10)}}),
    ],
    ids=["deep-array", "deep-object", "deep-valid", "oversize"],
)
def test_deep_or_oversize_reports_get_400_and_log_nothing(client, caplog, body):
    with caplog.at_level(logging.INFO):
        response = post_report(client, body)
    assert response.status_code == 400
    assert "Traceback" not in caplog.text and "csp.violation" not in caplog.text


def test_control_characters_never_reach_the_log(client, caplog):
    fields = {
        "violated-directive": "script-src\r\nFAKE LOG LINE\x1b[31m\u2028\u202e",
        "blocked-uri": "https://a.example/\nFORGED",
        "document-uri": "https://b.example/\r\nFORGED?x=1",
    }
    assert post_logged(client, caplog, fields).status_code == 204
    [record] = [r for r in caplog.records if "csp.violation" in r.getMessage()]
    line = record.getMessage()
    assert "script-srcFAKE LOG LINE" in line
    for char in "\r\n\x1b\u2028\u202e":
        assert char not in line


def test_a_report_with_brackets_inside_its_strings_is_accepted(client):
    report = {"csp-report": {"violated-directive": "[" * 50 + "{" * 50, "blocked-uri": "inline"}}
    assert post_report(client, json.dumps(report)).status_code == 204
