"""Property-based checks of the whole JSON API against its own OpenAPI document.

Schemathesis generates requests from /api/v1/openapi.json (valid and invalid values) and
checks that no answer is a server error and every answer matches the documented schema.
(Its pytest plugin does not load under pytest 9, so the operations are driven here.)
"""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, given, settings

EXAMPLES_PER_OPERATION = 40


@pytest.mark.django_db(transaction=True)
def test_every_operation_keeps_its_documented_contract():
    from hub.demo.services import demo_seed

    demo_seed()
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 6

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            case.call_and_validate()

        check()
