"""Access-matrix rows for the notifications URLs: see matrix.py.

A person's notifications are theirs alone: the list shows only their own, and
another person's notification answers 404 whoever asks, as if it did not exist.
Email settings are each signed-in person's own page: there is no one else's to ask for.

In the world two people have an unread notification: the cluster lead (below) and the
LA-to-LA facilitator (told of their assignment by project_assign_facilitator). Marking
all read changes something for them only.
"""

from notifications.models import Notification, NotificationPreference
from notifications.services import notify

from .matrix import ANONYMOUS, LOGIN, SET, SIGNED_IN, Effect, Row, acting, sets
from .world import PERSONAS, extend_world


@extend_world
def add_notification(w) -> None:
    """One notification, for the cluster lead, pointing at the cluster question."""
    notify(
        recipients=[w.users["cluster_lead"]],
        category=Notification.Category.REVIEW,
        event_key="access-matrix:1",
        subject="Changes requested: the Harlow cluster question",
        url=f"/enquiries/{w.enquiry_cluster.pk}/",
    )
    w.notification = Notification.objects.get(event_key="access-matrix:1")


WITH_UNREAD = ("cluster_lead", "la_facilitator")
ALL_DAILY = {category: "daily" for category in Notification.Category.values}

MARKS_ALL_READ = Effect(
    "mark every unread notification of theirs read",
    lambda w, actor: Notification.objects.filter(recipient=actor).unread().count(),
    lambda before, after: before > 0 and after == 0,
)
SAVES_ALL_DAILY = Effect(
    "save a daily digest for every category",
    lambda w, actor: NotificationPreference.objects.deliveries_for(actor),
    lambda before, after: before != ALL_DAILY and after == ALL_DAILY,
)


ROWS: list[Row] = [
    Row("notifications:list", expect=SIGNED_IN),
    Row("notifications:list", expect=SIGNED_IN, query={"page": "2"}, label="page 2"),
    Row("notifications:list", method="post", default=405),
    # Marking read goes on to the notification's page: only its recipient gets there.
    Row(
        "notifications:mark_read",
        args=lambda w: [w.notification.pk],
        method="post",
        expect={ANONYMOUS: LOGIN, "cluster_lead": 302},
        default=404,
        effects=acting(("cluster_lead",), sets(lambda w: w.notification, read_at=SET)),
    ),
    Row(
        "notifications:mark_read",
        args=lambda w: [999999],
        method="post",
        expect={ANONYMOUS: LOGIN},
        default=404,
        label="no such notification",
    ),
    Row("notifications:mark_read", args=lambda w: [w.notification.pk], default=405),
    Row(
        "notifications:mark_all_read",
        method="post",
        expect={ANONYMOUS: LOGIN},
        default=302,
        effects=acting(WITH_UNREAD, MARKS_ALL_READ),
    ),
    Row("notifications:mark_all_read", default=405),
    Row("notifications:settings", expect=SIGNED_IN),
    Row(
        "notifications:settings",
        method="post",
        data=lambda w: ALL_DAILY,
        expect={ANONYMOUS: LOGIN},
        default=302,
        effects=acting([p for p in PERSONAS if p != ANONYMOUS], SAVES_ALL_DAILY),
    ),
    # A bad value re-shows the form with its errors and saves nothing.
    Row(
        "notifications:settings",
        method="post",
        data=lambda w: {"review": "hourly"},
        expect={ANONYMOUS: LOGIN},
        default=200,
        label="bad input",
    ),
    Row("notifications:settings", method="put", default=405),
    Row("notifications:settings", method="delete", default=405),
]
