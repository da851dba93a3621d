"""The reflective log pages: the log, writing an entry (with an audio attachment),
the cadence, reminder settings, attachment downloads, and the home page's nudge."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from enquiries import services
from enquiries.models import LogEntry, LogReminderPreference, LogSchedule
from tests.enquiries.logs_world import *  # noqa: F403
from tests.files import HTML, PNG, wav

pytestmark = pytest.mark.django_db


def log_url(w):
    return reverse("enquiries:log_list", args=[w.project.pk])


def new_url(w):
    return reverse("enquiries:log_entry_create", args=[w.project.pk])


@pytest.mark.parametrize("rows", [1, 10])
def test_the_log_shows_what_each_person_may_read_in_constant_queries(
    client, essex, rows, django_assert_num_queries
):
    for n in range(rows):
        services.log_entry_create(
            actor=essex.lead,
            project=essex.project,
            text=f"Shared {n}",
            attachments=[("photo.png", PNG)],
        )
        services.log_entry_create(
            actor=essex.officer, project=essex.project, text=f"Mine {n}", visibility="private"
        )
    client.force_login(essex.member)
    # session, user, the project, roles, facilitations (scope), the cadence, notification
    # count; the entries' count, page (authors and clusters joined) and attachments; the
    # projects the person's clusters work in; whether they wrote this period
    with django_assert_num_queries(12):
        response = client.get(log_url(essex))
    body = response.content.decode()
    assert body.count("Shared ") == rows and "Mine " not in body
    assert "download>photo.png</a>" in body


def test_a_participant_writes_an_entry_with_an_audio_attachment(client, essex, uploads_dir):
    client.force_login(essex.lead)
    response = client.post(
        new_url(essex),
        {
            "text": "We recorded the pupils' views on transition.",
            "tags": "transition, pupil voice",
            "visibility": "cluster",
            "cluster": str(essex.cluster.pk),
            "attachments": [SimpleUploadedFile("views.wav", wav(), content_type="audio/wav")],
        },
        follow=True,
    )
    assert response.redirect_chain == [(log_url(essex), 302)]
    entry = LogEntry.objects.get()
    assert (entry.visibility, entry.cluster, entry.tags) == (
        "cluster",
        essex.cluster,
        ["transition", "pupil voice"],
    )
    attachment = entry.attachments.get()
    assert attachment.kind == "audio" and len(uploads_dir()) == 1
    download = client.get(reverse("enquiries:log_attachment_download", args=[attachment.pk]))
    assert download["Content-Disposition"] == 'attachment; filename="views.wav"'
    assert download["Content-Type"] == "audio/wav"
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content) == wav()
    client.force_login(essex.coleader)  # not in the cluster: the entry is not theirs to read
    assert (
        client.get(reverse("enquiries:log_attachment_download", args=[attachment.pk])).status_code
        == 404
    )


def test_a_renamed_file_is_refused_with_a_message_and_nothing_is_saved(client, essex, uploads_dir):
    client.force_login(essex.lead)
    response = client.post(
        new_url(essex),
        {
            "text": "See attached.",
            "visibility": "project",
            "attachments": [SimpleUploadedFile("report.pdf", HTML, content_type="application/pdf")],
        },
    )
    assert response.status_code == 200
    assert "report.pdf does not contain what its name says" in response.content.decode()
    assert not LogEntry.objects.exists() and uploads_dir() == []


def test_an_oversize_attachment_is_refused(client, essex, uploads_dir, settings):
    settings.UPLOAD_MAX_MB = {**settings.UPLOAD_MAX_MB, "image": 1}
    client.force_login(essex.lead)
    big = SimpleUploadedFile("big.png", PNG + b"\0" * (1024 * 1024), content_type="image/png")
    response = client.post(
        new_url(essex), {"text": "Photo.", "visibility": "project", "attachments": [big]}
    )
    assert "an image can be at most 1 MB" in response.content.decode()
    assert not LogEntry.objects.exists() and uploads_dir() == []


def test_the_form_offers_my_cluster_only_to_cluster_people(client, essex):
    client.force_login(essex.officer)
    body = client.get(new_url(essex)).content.decode()
    assert 'value="cluster"' not in body
    client.force_login(essex.lead)
    assert 'value="cluster"' in client.get(new_url(essex)).content.decode()


def test_co_leaders_change_the_cadence(client, essex):
    client.force_login(essex.coleader)
    url = reverse("enquiries:log_cadence", args=[essex.project.pk])
    assert client.post(url, {"cadence": "fortnightly"}).status_code == 302
    assert LogSchedule.objects.get(project=essex.project).cadence == "fortnightly"
    assert client.post(url, {"cadence": "daily"}).status_code == 200  # not a choice
    assert LogSchedule.objects.get(project=essex.project).cadence == "fortnightly"


def test_a_person_stops_and_snoozes_their_reminders(client, essex):
    client.force_login(essex.lead)
    url = reverse("enquiries:log_reminder_settings")
    assert "Write your entry for Essex learning project" in client.get(url).content.decode()
    assert client.post(url, {"reminders": "on", "snooze": "fortnight"}).status_code == 302
    assert LogReminderPreference.objects.get(user=essex.lead).snoozed_until is not None
    assert client.post(url, {"reminders": "off", "snooze": ""}).status_code == 302
    assert LogReminderPreference.objects.get(user=essex.lead).opted_out
    assert "You get no log reminders" in client.get(url).content.decode()


def test_home_says_when_a_log_entry_is_due_and_links_to_write_it(client, essex):
    client.force_login(essex.member)
    body = client.get(reverse("home")).content.decode()
    assert f'href="{new_url(essex)}">Write your log entry for Essex learning project' in body
    services.log_entry_create(actor=essex.member, project=essex.project, text="Done.")
    body = client.get(reverse("home")).content.decode()
    assert "Write your log entry" not in body


def test_media_urls_are_not_served(client, essex):
    client.force_login(essex.lead)
    assert client.get("/media/logs/1/anything").status_code == 404
