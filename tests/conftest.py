import uuid

import pytest

from networks.models import Role
from tests.factories import (
    ClusterFactory,
    LocalAuthorityFactory,
    MembershipFactory,
    UserFactory,
    grant,
)

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def own_cache_keys(settings):
    """Each test gets keys of its own in the cache (throttle counters), which may be
    a Redis shared with other runs: never flushed, so separated by prefix instead."""
    settings.CACHES = {
        alias: {**config, "KEY_PREFIX": f"test-{uuid.uuid4().hex}"}
        for alias, config in settings.CACHES.items()
    }


@pytest.fixture
def signed_in(client):
    """`signed_in(user)`: the test's client, signed in as `user`."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


@pytest.fixture
def la(db):
    return LocalAuthorityFactory(code="881", name="Essex", region="East of England")


@pytest.fixture
def other_la(db):
    return LocalAuthorityFactory(code="928", name="Northamptonshire", region="East Midlands")


@pytest.fixture
def cluster(la):
    cluster = ClusterFactory(name="Harlow cluster", host_la=la)
    MembershipFactory(cluster=cluster, is_lead=True)
    return cluster


@pytest.fixture
def coleader(la):
    user = UserFactory(email="coleader@example.org", name="Co Leader")
    grant(user, Role.LA_COLEADER, la=la)
    return user


@pytest.fixture
def cluster_lead(cluster):
    user = UserFactory(email="lead@example.org", name="Cluster Lead")
    grant(user, Role.CLUSTER_LEAD, cluster=cluster)
    return user


@pytest.fixture
def national_facilitator(db):
    user = UserFactory(email="facilitator@example.org", name="National Facilitator")
    grant(user, Role.NATIONAL_FACILITATOR)
    return user


@pytest.fixture
def outsider(other_la):
    """A co-leader of another LA: must see nothing of Essex."""
    user = UserFactory(email="outsider@example.org", name="Out Sider")
    grant(user, Role.LA_COLEADER, la=other_la)
    return user


def pytest_sessionfinish(session, exitstatus):
    """In CI a skipped test is a test that did not run: fail the run."""
    import os

    if not os.environ.get("CI"):
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = len(reporter.stats.get("skipped", [])) if reporter else 0
    if skipped and session.exitstatus == 0:
        reporter.write_line(f"CI: {skipped} test(s) skipped; every test must run in CI.", red=True)
        session.exitstatus = 1
