"""The programme operations against their own OpenAPI document, signed in as programme staff
(the whole-API check in hub/core/tests/test_api_schemathesis.py runs signed out, so it sees
only their 401s): over the demo data, no answer is a server error and every answer, 200s
included, matches its documented schema."""

import pytest
import schemathesis
from django.conf import settings
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings

from hub.accounts.roles import Role

EXAMPLES_PER_OPERATION = 25


@pytest.mark.django_db(transaction=True)
def test_programme_operations_keep_their_contract_for_programme_staff(client, user_with_role):
    from hub.demo.services import demo_seed

    demo_seed()
    client.force_login(user_with_role(Role.FACILITATOR))
    cookies = {settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value}
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    operations = [
        operation
        for operation in (result.ok() for result in schema.get_all_operations())
        if operation.path.startswith("/api/v1/programme/")
    ]
    assert len(operations) == 4
    seen = []

    for operation in operations:

        @given(case=operation.as_strategy())
        @hypothesis_settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            response = case.call_and_validate(cookies=cookies)
            seen.append((case.operation.path, response.status_code))

        check()

    ok = {path for path, status in seen if status == 200}
    assert ok == {operation.path for operation in operations}
