"""TRUST.md item 37: organizers see when the queue stops moving or a task hangs."""

import logging
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from letters import pipeline
from letters.models import DeliverySettings, Letter
from letters.monitoring import delivery_alerts
from tests.support.letters import letter_tasks

pytestmark = pytest.mark.django_db


def confirmed_minutes_ago(letter, minutes):
    Letter.objects.filter(pk=letter.pk).update(
        confirmed_at=timezone.now() - timedelta(minutes=minutes)
    )


def test_a_letter_queued_for_20_minutes_raises_the_alarm_on_the_dashboard(
    make_letter, admin_client
):
    letter = make_letter(confirm=True)
    confirmed_minutes_ago(letter, 5)
    assert delivery_alerts() == []
    assert b"Letter delivery needs attention" not in admin_client.get("/admin/").content

    confirmed_minutes_ago(letter, 20)
    [alert] = delivery_alerts()
    assert "waited 20 minutes" in alert and "worker" in alert
    page = admin_client.get("/admin/").content.decode()
    assert "Letter delivery needs attention" in page and "waited 20 minutes" in page


def test_while_paused_the_alarm_says_so(make_letter):
    letter = make_letter(confirm=True)
    confirmed_minutes_ago(letter, 30)
    settings = DeliverySettings.load()
    settings.pause_sending = True
    settings.save()
    [alert] = delivery_alerts()
    assert "paused" in alert


def test_a_task_running_for_more_than_10_minutes_raises_the_alarm(make_letter, caplog):
    letter = make_letter()
    task = letter_tasks(pipeline.send_confirmation_email, letter).get()
    DBTaskResult.objects.filter(pk=task.pk).update(
        status="RUNNING", started_at=timezone.now() - timedelta(minutes=5)
    )
    assert delivery_alerts() == []

    DBTaskResult.objects.filter(pk=task.pk).update(
        started_at=timezone.now() - timedelta(minutes=11)
    )
    [alert] = delivery_alerts()
    assert "1 task has been running for more than 10 minutes" in alert
    with caplog.at_level(logging.WARNING, logger="letters.sweep"):
        call_command("sweep_letters")
    assert any("delivery alert" in record.getMessage() for record in caplog.records)
