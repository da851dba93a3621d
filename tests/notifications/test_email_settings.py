import pytest
from django.urls import reverse

from notifications.models import Notification, NotificationPreference
from notifications.services import notification_preferences_update
from tests.factories import UserFactory

SETTINGS = reverse("notifications:settings")
# Every category, however many there are: each kind of notification has its own.
CATEGORIES = Notification.Category.values
ALL_DAILY = {category: "daily" for category in CATEGORIES}
ALL_IMMEDIATELY = {category: "immediately" for category in CATEGORIES}
# Every category (other areas add theirs): all daily, or all immediately.
ALL_DAILY = dict.fromkeys(Notification.Category.values, "daily")

IMMEDIATELY = dict.fromkeys(Notification.Category.values, "immediately")


@pytest.fixture
def owner(db):
    return UserFactory(email="owner@example.org", name="Owner")


@pytest.fixture
def member(db):
    """Another signed-in person: their choices must not show or change."""
    return UserFactory(email="member@example.org", name="Member")


def sign_in(client, user):
    client.force_login(user)
    return client


def test_it_shows_a_radio_group_per_category_with_the_defaults_checked(client, owner):
    response = sign_in(client, owner).get(SETTINGS)
    assert response.status_code == 200
    body = response.content.decode()
    assert '<h1 class="govuk-heading-xl">Email settings</h1>' in body
    assert body.count('<fieldset class="govuk-fieldset"') == len(CATEGORIES)
    for legend in [
        "Account and invitations",
        "Reviews and decisions",
        "Comments",
        "Alignment",
        "Feedback loops",
        "Project and enquiry plans",
    ]:
        assert legend in body
    assert "When someone comments on one of your questions" in body  # the hint
    assert "When a feedback loop asks your cluster for its answers" in body
    assert body.count('type="radio"') == 3 * len(CATEGORIES)
    assert body.count('checked="checked"') == len(CATEGORIES)
    # One group per category (other areas add theirs), each with three choices.
    categories = len(Notification.Category.values)
    assert body.count('<fieldset class="govuk-fieldset"') == categories
    for legend in Notification.Category.labels:
        assert legend in body
    assert "When someone comments on one of your questions" in body  # the hint
    assert "Reflective log reminders" in body
    assert body.count('type="radio"') == 3 * categories
    assert body.count('checked="checked"') == categories
    assert 'value="immediately"\n    \n      checked="checked"' in body
    assert '<form method="post" novalidate>' in body
    assert "Daily digest" in body and "Off" in body


def test_it_shows_the_persons_own_choices(client, owner, member):
    notification_preferences_update(user=owner, deliveries={"review": "off"})
    notification_preferences_update(user=member, deliveries={"comment": "daily"})
    form = sign_in(client, owner).get(SETTINGS).context["form"]
    assert {name: form[name].value() for name in form.fields} == {
        **ALL_IMMEDIATELY,
        "review": "off",
    }
    assert {name: form[name].value() for name in form.fields} == {**IMMEDIATELY, "review": "off"}


def test_it_saves_and_says_so(client, owner, member):
    notification_preferences_update(user=member, deliveries={"review": "off"})
    choices = {
        **ALL_DAILY,
        "account": "off",
        "comment": "immediately",
        "feedback": "off",
    }
    choices = {**IMMEDIATELY, "account": "off", "review": "daily", "alignment": "daily"}
    response = sign_in(client, owner).post(SETTINGS, choices, follow=True)
    assert response.redirect_chain == [(SETTINGS, 302)]
    body = response.content.decode()
    assert "govuk-notification-banner--success" in body
    assert "Your email settings have been saved." in body
    assert NotificationPreference.objects.deliveries_for(owner) == choices
    assert NotificationPreference.objects.deliveries_for(member)["review"] == "off"


@pytest.mark.parametrize(
    "data",
    [
        {**ALL_DAILY, "review": "hourly"},
        {key: value for key, value in ALL_DAILY.items() if key != "review"},
        {},
    ],
    ids=["unknown value", "one missing", "nothing"],
)
def test_it_shows_errors_for_bad_input_and_saves_nothing(client, owner, data):
    notification_preferences_update(user=owner, deliveries={"account": "off"})
    response = sign_in(client, owner).post(SETTINGS, data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "govuk-error-summary" in body and "There is a problem" in body
    assert '<a href="#id_review_1">Choose how to get emails about reviews and decisions</a>' in body
    assert "<title>Error: Email settings" in body
    assert "have been saved" not in body
    assert NotificationPreference.objects.deliveries_for(owner) == {
        **ALL_IMMEDIATELY,
        "account": "off",
    }
    assert NotificationPreference.objects.deliveries_for(owner) == {**IMMEDIATELY, "account": "off"}


def test_it_ignores_fields_that_are_not_categories(client, owner):
    response = sign_in(client, owner).post(SETTINGS, {**ALL_DAILY, "user": "1", "gossip": "off"})
    assert response.status_code == 302
    assert set(NotificationPreference.objects.values_list("category", flat=True)) == set(ALL_DAILY)


def test_it_is_linked_from_the_notifications_list(client, owner):
    body = sign_in(client, owner).get(reverse("notifications:list")).content.decode()
    assert f'href="{SETTINGS}"' in body


def test_it_sends_visitors_to_sign_in(client, db):
    for method in ("get", "post"):
        response = getattr(client, method)(SETTINGS, ALL_DAILY)
        assert response.status_code == 302 and response.url.startswith(reverse("sign_in"))
    assert not NotificationPreference.objects.exists()


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_it_refuses_other_methods(client, owner, method):
    assert getattr(sign_in(client, owner), method)(SETTINGS).status_code == 405


@pytest.mark.parametrize("chosen", [0, 4])
def test_it_shows_in_a_bounded_number_of_queries(client, owner, chosen, django_assert_num_queries):
    notification_preferences_update(user=owner, deliveries=dict(list(ALL_DAILY.items())[:chosen]))
    sign_in(client, owner)
    # session, user, the person's choices, the header's unread count, and the scope (roles,
    # facilitations) that says whether the header offers
    # the review queue and the Brokerage link
    with django_assert_num_queries(6):
        assert client.get(SETTINGS).status_code == 200


def test_it_saves_in_a_bounded_number_of_queries(client, owner, django_assert_num_queries):
    sign_in(client, owner)
    # session, user, then the service's savepoint, one upsert for every category,
    # its audit entry, and the savepoint's release
    with django_assert_num_queries(6):
        assert client.post(SETTINGS, ALL_DAILY).status_code == 302
