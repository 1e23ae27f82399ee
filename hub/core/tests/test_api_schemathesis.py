"""Property-based checks of the whole JSON API against its own OpenAPI document.

Schemathesis generates requests for every operation in /api/v1/openapi.json and checks that
no answer is a server error and that each answer's status code, content type and body are
the documented ones. Every operation is run signed out and with a programme admin's session
(second factor passed), which reaches the staff-only programme figures and the records only
staff may see; then with values that break the document, where the only rule is no 500.
(Its pytest plugin does not load under pytest 9, so the operations are driven here.)
"""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from hub.accounts.roles import Role

EXAMPLES_PER_OPERATION = 25
INVALID_EXAMPLES_PER_OPERATION = 10
CONTRACT = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def run(operation, mode, examples, checks, headers=None):
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def check(case):
        case.call_and_validate(headers=headers, checks=checks)

    check()


@pytest.mark.django_db(transaction=True)
def test_every_operation_keeps_its_documented_contract(user_with_role):
    from hub.demo.services import demo_seed

    demo_seed()
    document = Client().get("/api/v1/openapi.json").json()
    documented = sum(len(methods) for methods in document["paths"].values())
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == documented, "an operation in the document was not loaded"
    assert any(op.path.startswith("/api/v1/programme") for op in operations)

    staff = Client()
    staff.force_login(user_with_role(Role.PROGRAMME_ADMIN))
    staff_session = {"Cookie": f"sessionid={staff.cookies['sessionid'].value}"}
    assert staff.get("/api/v1/programme/outputs").status_code == 200, "the staff session works"

    exercised = set()
    broken_values = 0
    for operation in operations:
        run(operation, GenerationMode.POSITIVE, EXAMPLES_PER_OPERATION, CONTRACT)
        run(operation, GenerationMode.POSITIVE, EXAMPLES_PER_OPERATION, CONTRACT, staff_session)
        try:
            run(
                operation,
                GenerationMode.NEGATIVE,
                INVALID_EXAMPLES_PER_OPERATION,
                [not_a_server_error],
            )
            broken_values += 1
        except Unsatisfiable:
            pass  # every value its parameters can take is valid (a free-text slug, say)
        exercised.add((operation.method, operation.path))
    assert len(exercised) == documented
    assert broken_values >= documented // 2


@pytest.mark.django_db(transaction=True)
def test_the_rate_limits_429_answer_keeps_the_documented_contract(settings):
    from django.core.cache import cache

    settings.HUB_API_RATE_ANON = "1/hour"
    cache.clear()
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    operations = [result.ok() for result in schema.get_all_operations()]
    public = [op for op in operations if not op.path.startswith("/api/v1/programme")]
    try:
        for operation in public:
            run(operation, GenerationMode.POSITIVE, 3, CONTRACT)
        # The budget is spent: the answers above were 429s, validated like any other.
        answer = public[0].Case().call()
        assert answer.status_code == 429
        assert int(answer.headers["retry-after"][0]) > 0
    finally:
        cache.clear()
