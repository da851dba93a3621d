"""Who hears about what, exactly once: notifications written with the event, emails
sent after commit."""

import pytest

from enquiries import services
from enquiries.models import AlignmentRating
from notifications.models import Notification

pytestmark = pytest.mark.django_db


def told(category=None):
    """Who was told about enquiry events (not the world's own set-up notices)."""
    rows = Notification.objects.filter(event_key__startswith="enquiry-event:")
    if category:
        rows = rows.filter(category=category)
    return sorted(rows.values_list("recipient__email", flat=True))


def emails(world, *names):
    return sorted(getattr(world, name).email for name in names)


def test_it_tells_the_reviewers_when_a_question_is_submitted(
    world, django_capture_on_commit_callbacks, mailoutbox
):
    enquiry = world.enquiry("q_a")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        event = services.enquiry_submit(
            enquiry=enquiry, actor=world.person("lead_a"), comment="Ready"
        )
        # Written with the event, emailed only after commit.
        assert told() == emails(world, "co_x", "kq_facilitator")
        assert mailoutbox == []
    assert len(callbacks) == 1
    assert sorted(m.to[0] for m in mailoutbox) == emails(world, "co_x", "kq_facilitator")
    notification = Notification.objects.get(recipient=world.co_x)
    assert notification.event_key == f"enquiry-event:{event.pk}"
    assert notification.category == Notification.Category.REVIEW
    assert notification.subject == "Please review: the Harlow cluster question"
    assert notification.url == enquiry.get_absolute_url()
    assert "Ready" in notification.body
    assert notification.emailed_at is not None
    assert notification.url in mailoutbox[0].body


def test_it_tells_the_las_facilitator_about_their_project(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.enquiry_submit(enquiry=world.enquiry("q_y"), actor=world.person("co_y"))
    assert told() == emails(world, "kq_facilitator", "officer_x_facilitating_y")


def test_it_tells_the_national_team_about_key_questions(world, django_capture_on_commit_callbacks):
    enquiry, facilitator = world.enquiry("kq1"), world.person("kq_facilitator")
    services.enquiry_revise(enquiry=enquiry, actor=facilitator, text="KQ1 anew?")
    with django_capture_on_commit_callbacks(execute=True):
        services.enquiry_submit(enquiry=enquiry, actor=facilitator)
    assert told() == emails(world, "national")


def test_it_tells_the_national_team_when_an_initiative_has_no_facilitator(
    world, django_capture_on_commit_callbacks
):
    world.kq_facilitator.facilitations.update(ended_on="2020-01-01")
    with django_capture_on_commit_callbacks(execute=True):
        services.enquiry_submit(enquiry=world.enquiry("q_x"), actor=world.person("co_x"))
    assert told() == emails(world, "national")


@pytest.mark.parametrize("decision", ["agree", "request_changes"])
def test_it_tells_the_owners_of_a_decision(
    world, decision, django_capture_on_commit_callbacks, mailoutbox
):
    enquiry = world.enquiry("q_oak")
    services.enquiry_submit(enquiry=enquiry, actor=world.person("school_contact"))
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        if decision == "agree":
            services.enquiry_agree(enquiry=enquiry, actor=world.person("co_x"))
        else:
            services.enquiry_request_changes(
                enquiry=enquiry, actor=world.person("co_x"), comment="Narrow it"
            )
    assert told() == emails(world, "lead_a", "school_contact")
    assert len(mailoutbox) == 2
    subject = (
        "Agreed: the Oak Primary question"
        if decision == "agree"
        else "Changes requested: the Oak Primary question"
    )
    assert {m.subject for m in mailoutbox} == {subject}


def test_it_tells_owners_and_reviewers_of_a_comment_but_not_the_commenter(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.enquiry_comment(
            enquiry=world.enquiry("q_a"), actor=world.person("co_x"), text="Hmm"
        )
    assert told(Notification.Category.COMMENT) == emails(world, "kq_facilitator", "lead_a")


def test_it_tells_reviewers_when_their_alignment_review_goes_stale(
    world, django_capture_on_commit_callbacks, mailoutbox
):
    services.enquiry_link(
        enquiry=world.enquiry("q_a"), target=world.kq1, actor=world.person("lead_a")
    )
    services.alignment_review_create(
        enquiry=world.enquiry("q_a"),
        target=world.q_x,
        actor=world.person("co_x"),
        rating=AlignmentRating.ALIGNED,
    )
    services.alignment_review_create(
        enquiry=world.enquiry("q_a"),
        target=world.kq1,
        actor=world.person("kq_facilitator"),
        rating=AlignmentRating.PARTLY,
    )
    # An older review of another link, already stale: its reviewer was told then.
    services.alignment_review_create(
        enquiry=world.enquiry("q_oak"),
        target=world.q_a,
        actor=world.person("national"),
        rating=AlignmentRating.MOSTLY,
    )
    Notification.objects.all().delete()

    with django_capture_on_commit_callbacks(execute=True):
        services.enquiry_revise(
            enquiry=world.enquiry("q_x"), actor=world.person("co_x"), text="Reworded LA?"
        )
    # co_x revised it themselves, so only reviews by others matter: none on q_x's links.
    assert told(Notification.Category.ALIGNMENT) == []

    with django_capture_on_commit_callbacks(execute=True):
        services.enquiry_revise(
            enquiry=world.enquiry("q_a"), actor=world.person("lead_a"), text="Reworded?"
        )
    # q_a → q_x went stale already (q_x changed); q_a → KQ1 and Oak → q_a go stale now.
    assert told(Notification.Category.ALIGNMENT) == emails(world, "kq_facilitator", "national")
    assert all("out of date" in m.subject for m in mailoutbox)

    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        services.enquiry_revise(
            enquiry=world.enquiry("q_a"), actor=world.person("lead_a"), text="Again?"
        )
    assert told(Notification.Category.ALIGNMENT) == []  # nothing fresh left to go stale


def test_it_tells_the_owners_of_an_alignment_review(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.alignment_review_create(
            enquiry=world.enquiry("q_b"),
            target=world.q_y,
            actor=world.person("officer_x_facilitating_y"),
            rating=AlignmentRating.NOT_ALIGNED,
            comment="Different topic",
        )
    assert told(Notification.Category.ALIGNMENT) == emails(world, "lead_b")


def test_it_tells_nobody_when_the_change_is_refused(
    world, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(services.EnquiryError):
            services.enquiry_agree(enquiry=world.enquiry("q_a"), actor=world.person("co_x"))
    assert (told(), callbacks, mailoutbox) == ([], [], [])


def test_it_sends_each_email_once_even_if_the_queued_task_runs_again(
    world, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.enquiry_submit(enquiry=world.enquiry("q_a"), actor=world.person("lead_a"))
    for callback in callbacks * 2:  # a redelivered task
        callback()
    assert len(mailoutbox) == 2
