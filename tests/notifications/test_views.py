import pytest
from django.urls import reverse

from notifications.models import Notification
from tests.factories import UserFactory
from tests.notifications.factories import notification_for

LIST = reverse("notifications:list")
READ_ALL = reverse("notifications:mark_all_read")


@pytest.fixture
def owner(db):
    return UserFactory(email="owner@example.org", name="Owner")


@pytest.fixture
def member(db):
    """Another signed-in person: must not see or touch the owner's notifications."""
    return UserFactory(email="member@example.org", name="Member")


def sign_in(client, user):
    client.force_login(user)
    return client


def read(pk):
    return f"/notifications/{pk}/read/"


# --- The list ------------------------------------------------------------------------


def test_it_lists_only_the_persons_own_notifications_unread_marked(client, owner, member):
    notification_for(owner, key="a", subject="Please review: Harlow")
    seen = notification_for(owner, key="b", subject="Agreed: Essex")
    Notification.objects.filter(pk=seen.pk).update(read_at="2024-01-01T00:00Z")
    notification_for(member, key="a", subject="Member's own")
    response = sign_in(client, owner).get(LIST)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Please review: Harlow" in body and "Agreed: Essex" in body
    assert "Member&#x27;s own" not in body and "Member's own" not in body
    assert body.count(">Unread</strong>") == 1
    assert "Mark all as read" in body
    assert reverse("notifications:mark_read", args=[seen.pk]) not in body  # read: a plain link


def test_it_says_when_there_is_nothing(client, owner):
    response = sign_in(client, owner).get(LIST)
    assert "You have no notifications yet" in response.content.decode()
    assert "Mark all as read" not in response.content.decode()


@pytest.mark.parametrize("rows", [1, 10])
def test_it_lists_with_a_bounded_number_of_queries(client, owner, rows, django_assert_num_queries):
    for n in range(rows):
        notification_for(owner, key=f"k{n}")
    sign_in(client, owner)
    # session, user, page count, page rows, the header's unread count, and the scope (roles,
    # facilitations) that says whether the header offers
    # the review queue and the Brokerage link
    with django_assert_num_queries(7):
        assert client.get(LIST).status_code == 200


def test_it_paginates(client, owner, settings):
    settings.PAGE_SIZE = 2
    for n in range(3):
        notification_for(owner, key=f"k{n}", subject=f"Subject {n}")
    sign_in(client, owner)
    assert "Page 1 of 2" in client.get(LIST).content.decode()
    assert "Subject 0" in client.get(LIST, {"page": 2}).content.decode()


def test_it_sends_visitors_to_sign_in(client, db):
    for method, url in [("get", LIST), ("post", READ_ALL), ("post", read(1))]:
        response = getattr(client, method)(url)
        assert response.status_code == 302 and response.url.startswith(reverse("sign_in"))


# --- Marking read ----------------------------------------------------------------------


def test_it_marks_one_read_and_goes_to_it(client, owner):
    notification = notification_for(owner, url="/enquiries/5/")
    response = sign_in(client, owner).post(read(notification.pk))
    assert (response.status_code, response.url) == (302, "/enquiries/5/")
    notification.refresh_from_db()
    first_read = notification.read_at
    assert first_read is not None
    client.post(read(notification.pk))
    notification.refresh_from_db()
    assert notification.read_at == first_read  # reading again keeps the first time


def test_it_goes_back_to_the_list_without_a_safe_url(client, owner):
    offsite = notification_for(owner, key="a", url="https://evil.example/")
    none = notification_for(owner, key="b", url="")
    sign_in(client, owner)
    assert client.post(read(offsite.pk)).url == LIST
    assert client.post(read(none.pk)).url == LIST


def test_it_answers_404_for_someone_elses_notification(client, owner, member):
    notification = notification_for(owner)
    response = sign_in(client, member).post(read(notification.pk))
    assert response.status_code == 404
    assert sign_in(client, member).post(read(999999)).status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_it_marks_all_of_mine_read(client, owner, member):
    notification_for(owner, key="a")
    notification_for(owner, key="b")
    theirs = notification_for(member, key="a")
    response = sign_in(client, owner).post(READ_ALL, follow=True)
    assert response.redirect_chain == [(LIST, 302)]
    assert "Marked 2 notifications as read." in response.content.decode()
    assert not owner.notifications.unread().exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None


@pytest.mark.parametrize("url", ["read", "read_all"])
def test_it_refuses_get_for_the_changes(client, owner, url):
    notification = notification_for(owner)
    target = read(notification.pk) if url == "read" else READ_ALL
    assert sign_in(client, owner).get(target).status_code == 405
    notification.refresh_from_db()
    assert notification.read_at is None


def test_it_refuses_post_for_the_list(client, owner):
    assert sign_in(client, owner).post(LIST).status_code == 405
