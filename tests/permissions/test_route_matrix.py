"""Every route, with every method it accepts, answers every principal as
tests/permissions/matrix.py says. Each case meets the objects in the state its action needs and
is rolled back after it (see Site in conftest.py), so no request changes what a later one meets."""

import pytest

from tests.permissions.conftest import outcome_of, send
from tests.permissions.matrix import cases, expected

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("route", "method", "principal"), cases(), ids=[f"/{r}-{m}-{p}" for r, m, p in cases()]
)
def test_the_route_answers_the_principal_as_the_matrix_says(site, route, method, principal):
    response = send(site, principal, route, method)
    status = response.status_code
    assert outcome_of(response) == expected(route, method, principal), f"HTTP {status}"
