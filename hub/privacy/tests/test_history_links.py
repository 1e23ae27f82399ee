"""Staff pages of key records link to their history; nobody else sees the link."""

import pytest
from django.urls import reverse

from hub.academies.tests.factories import CohortFactory
from hub.accounts.roles import Role
from hub.cases.models import Status
from hub.cases.tests.factories import ResourceFactory
from hub.champions.tests.factories import ChampionProfileFactory
from hub.events.tests.factories import EventFactory
from hub.peer_challenge.tests.factories import ChallengeFactory

pytestmark = pytest.mark.django_db

PAGES = [
    ("case", lambda: ResourceFactory(status=Status.SUBMITTED), "cases:review", "slug"),
    ("event", EventFactory, "events:invitations", "slug"),
    ("challenge", ChallengeFactory, "peer_challenge:detail", "slug"),
    ("champion", ChampionProfileFactory, "champions:detail", "slug"),
    ("cohort", CohortFactory, "academies:cohort", "slug"),
]


@pytest.mark.parametrize(("kind", "make", "url_name", "key"), PAGES)
def test_programme_admins_find_the_history_from_the_records_page(
    client_as, kind, make, url_name, key
):
    record = make()
    page = client_as(Role.PROGRAMME_ADMIN).get(reverse(url_name, args=[getattr(record, key)]))
    assert page.status_code == 200
    assert reverse("privacy:history", args=[kind, record.pk]) in page.content.decode()


def test_a_member_on_a_public_page_sees_no_history_link(client_as):
    profile = ChampionProfileFactory()
    page = client_as(Role.MEMBER).get(reverse("champions:detail", args=[profile.slug]))
    assert page.status_code == 200
    assert "/privacy/history/" not in page.content.decode()
