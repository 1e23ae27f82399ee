"""Walk the access table (hub/core/tests/access/table.py): every address as every principal."""

import pytest

from hub.core.tests.access.outcome import outcome, request
from hub.core.tests.access.table import TABLE


def marks(row, principal):
    if row.known_bug and principal in row.known_bug[0]:
        return [pytest.mark.xfail(strict=True, reason=f"Known access bug: {row.known_bug[1]}")]
    return []


CASES = [
    pytest.param(row, principal, id=f"{row.id} as {principal}", marks=marks(row, principal))
    for row in TABLE
    for principal in row.expect
    if principal != "insider" or row.insider
] + [
    pytest.param(row, "insider", id=f"{row.id} as insider {row.insider}")
    for row in TABLE
    if row.insider and "insider" not in row.expect
]


@pytest.mark.django_db
@pytest.mark.parametrize(("row", "principal"), CASES)
def test_access(world, client, row, principal):
    if principal != "anonymous":
        user = getattr(world, row.insider if principal == "insider" else principal)
        client.force_login(user)

    got = outcome(request(client, row, world))

    expected = row.expect.get(principal, "no expectation: add one to the row")
    assert got == expected, f"{row.id} as {principal}: expected {expected}, got {got}"
