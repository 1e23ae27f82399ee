"""Unpublished content is never visible to those who may not see it.

A draft, a submitted, a changes-requested and an archived record are seen on their own page
only by their contributor, their named contacts and editors (404 for everyone else, so their
existence is not revealed). They never appear in the list, the search, the Atom feed, the CSV
export, or the API of published records; the moderation pages are for editors only.
Published records are visible to everyone.
"""

import csv
import io

import pytest

from hub.accounts.roles import Role
from hub.cases.models import Status
from hub.cases.search import SEARCH_KIND, resource_search_text
from hub.cases.tests.factories import ResourceFactory
from hub.search.models import SearchDocument
from hub.search.services import search_index_object

pytestmark = pytest.mark.django_db

UNPUBLISHED = [Status.DRAFT, Status.SUBMITTED, Status.CHANGES_REQUESTED, Status.ARCHIVED]
# A word in no other title, to look for in every page.
WORDS = {
    Status.DRAFT: "Quokkadraft",
    Status.SUBMITTED: "Quokkasubmitted",
    Status.CHANGES_REQUESTED: "Quokkachanges",
    Status.ARCHIVED: "Quokkaarchived",
    Status.PUBLISHED: "Quokkapublished",
}
EVERYONE_ELSE = [None, Role.MEMBER, Role.CHAMPION, Role.FACILITATOR]
STAFF_WHO_MODERATE = [Role.EDITOR, Role.PROGRAMME_ADMIN]


@pytest.fixture
def people(user_with_role):
    return {
        "contributor": user_with_role(Role.MEMBER),
        "contact": user_with_role(Role.MEMBER),
        "editor": user_with_role(Role.EDITOR),
    }


def _record(status, people):
    """A record in `status`, as if it were once indexed (archived records were published).

    Its search document is written directly: even a stale index must not leak it.
    """
    resource = ResourceFactory(
        status=status,
        title=f"{WORDS[status]} repairs booking",
        summary=f"{WORDS[status]} summary text",
        contributor=people["contributor"],
        contacts=[people["contact"]],
    )
    if status == Status.PUBLISHED:
        search_index_object(kind=SEARCH_KIND, object_id=resource.pk)
    else:
        text = resource_search_text(resource)
        SearchDocument.objects.create(
            kind=SEARCH_KIND,
            object_id=resource.pk,
            title=text.title,
            summary=text.summary,
            body=text.body,
        )
    return resource


def _sign_in(client, user_with_role, people, who):
    if who in people:
        client.force_login(people[who])
    elif who is not None:
        client.force_login(user_with_role(who))
    return client


def _text(response) -> str:
    """The body of a page, or of a streamed download such as the CSV export."""
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def _all_viewers():
    return [*EVERYONE_ELSE, *STAFF_WHO_MODERATE, "contributor", "contact"]


# The record's own page


@pytest.mark.parametrize("status", UNPUBLISHED)
@pytest.mark.parametrize("who", EVERYONE_ELSE)
def test_an_unpublished_record_page_is_not_found_for_others(
    client, user_with_role, people, status, who
):
    resource = _record(status, people)
    response = _sign_in(client, user_with_role, people, who).get(f"/cases/{resource.slug}/")
    assert response.status_code == 404
    assert WORDS[status] not in _text(response)


@pytest.mark.parametrize("status", UNPUBLISHED)
@pytest.mark.parametrize("who", ["contributor", "contact", *STAFF_WHO_MODERATE])
def test_an_unpublished_record_page_is_seen_by_its_people_and_editors(
    client, user_with_role, people, status, who
):
    resource = _record(status, people)
    response = _sign_in(client, user_with_role, people, who).get(f"/cases/{resource.slug}/")
    assert response.status_code == 200
    assert WORDS[status] in _text(response)


@pytest.mark.parametrize("who", _all_viewers())
def test_a_published_record_page_is_seen_by_everyone(client, user_with_role, people, who):
    resource = _record(Status.PUBLISHED, people)
    response = _sign_in(client, user_with_role, people, who).get(f"/cases/{resource.slug}/")
    assert response.status_code == 200
    assert WORDS[Status.PUBLISHED] in _text(response)


# Lists: the list, the search, the feed and the CSV export


def _records(people):
    return {status: _record(status, people) for status in [*UNPUBLISHED, Status.PUBLISHED]}


def _list_pages():
    return {
        "list": "/cases/",
        "feed": "/cases/feed/",
        "csv": "/cases/export.csv",
        "list sorted": "/cases/?sort=newest",
    }


@pytest.mark.parametrize("listing", list(_list_pages()))
@pytest.mark.parametrize("who", _all_viewers())
def test_only_published_records_are_listed_in_the_list_feed_and_csv(
    client, user_with_role, people, listing, who
):
    _records(people)
    response = _sign_in(client, user_with_role, people, who).get(_list_pages()[listing])
    assert response.status_code == 200
    content = _text(response)
    assert WORDS[Status.PUBLISHED] in content
    for status in UNPUBLISHED:
        assert WORDS[status] not in content


@pytest.mark.parametrize("status", UNPUBLISHED)
@pytest.mark.parametrize("who", _all_viewers())
def test_the_search_never_finds_an_unpublished_record(client, user_with_role, people, status, who):
    records = _records(people)
    client = _sign_in(client, user_with_role, people, who)
    for address in ("/cases/", "/cases/feed/", "/cases/export.csv"):
        response = client.get(address, {"q": WORDS[status]})
        assert response.status_code == 200
        # The page repeats what was searched for, so look for the record's title and link.
        content = _text(response)
        assert records[status].title not in content
        assert f"/cases/{records[status].slug}/" not in content


@pytest.mark.parametrize("who", _all_viewers())
def test_the_search_finds_a_published_record(client, user_with_role, people, who):
    records = _records(people)
    client = _sign_in(client, user_with_role, people, who)
    response = client.get("/cases/", {"q": WORDS[Status.PUBLISHED]})
    assert response.status_code == 200
    assert f"/cases/{records[Status.PUBLISHED].slug}/" in _text(response)


def test_the_csv_rows_are_the_published_records_only(client, people):
    records = _records(people)
    rows = list(csv.DictReader(io.StringIO(_text(client.get("/cases/export.csv")))))
    assert [row["title"] for row in rows] == [records[Status.PUBLISHED].title]


# The moderation pages


@pytest.mark.parametrize("status", UNPUBLISHED)
@pytest.mark.parametrize(
    ("who", "status_code"),
    [
        (None, 302),
        (Role.MEMBER, 403),
        (Role.CHAMPION, 403),
        (Role.FACILITATOR, 403),
        ("contributor", 403),
        ("contact", 403),
        (Role.EDITOR, 200),
        (Role.PROGRAMME_ADMIN, 200),
    ],
)
def test_the_review_page_is_for_editors_only(
    client, user_with_role, people, status, who, status_code
):
    resource = _record(status, people)
    response = _sign_in(client, user_with_role, people, who).get(f"/cases/{resource.slug}/review/")
    assert response.status_code == status_code
    assert (WORDS[status] in _text(response)) is (status_code == 200)


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.CHANGES_REQUESTED, Status.ARCHIVED])
@pytest.mark.parametrize(
    ("who", "status_code"),
    [
        (None, 302),
        (Role.MEMBER, 403),
        (Role.FACILITATOR, 403),
        ("contributor", 403),
        (Role.EDITOR, 200),
    ],
)
def test_the_queue_shows_unpublished_records_to_editors_only(
    client, user_with_role, people, status, who, status_code
):
    _records(people)
    response = _sign_in(client, user_with_role, people, who).get(
        "/cases/moderation/", {"status": status}
    )
    assert response.status_code == status_code
    assert (WORDS[status] in _text(response)) is (status_code == 200)


def test_drafts_are_not_in_the_editors_queue(client, user_with_role, people):
    _records(people)
    client.force_login(people["editor"])
    for status in ("", *Status.values):
        assert (
            WORDS[Status.DRAFT]
            not in client.get("/cases/moderation/", {"status": status}).content.decode()
        )


# The JSON API serves published records only, to everyone.


@pytest.mark.parametrize("who", [None, "contributor", Role.EDITOR])
def test_the_api_lists_and_serves_published_records_only(client, user_with_role, people, who):
    records = _records(people)
    client = _sign_in(client, user_with_role, people, who)
    listed = _text(client.get("/api/v1/cases"))
    assert records[Status.PUBLISHED].title in listed
    assert client.get(f"/api/v1/cases/{records[Status.PUBLISHED].slug}").status_code == 200
    for status in UNPUBLISHED:
        assert records[status].title not in listed
        assert client.get(f"/api/v1/cases/{records[status].slug}").status_code == 404
        searched = _text(client.get("/api/v1/cases", {"q": WORDS[status]}))
        assert records[status].title not in searched
