"""Django's admin site is its own: only staff get in, whatever their groups say; everyone else is
sent to the admin's sign-in page (it is excluded from the route matrix for that reason)."""

import pytest

from core.permission_matrix import CAPABILITY_BY_KEY
from tests.factories import UserFactory
from tests.permissions.matrix import PRINCIPALS

pytestmark = pytest.mark.django_db

ADMIN_PAGES = ("/admin/", "/admin/vendors/vendor/", "/admin/assessments/assessment/")


@pytest.mark.parametrize("principal", PRINCIPALS)
def test_only_staff_open_the_admin_site_and_everyone_else_is_sent_to_its_login(site, principal):
    client = site.client(principal, api=False)
    staff = principal in CAPABILITY_BY_KEY["admin_site"].allowed
    for page in ADMIN_PAGES:
        response = client.get(page)
        if staff:
            assert response.status_code == 200, page
        else:
            assert (response.status_code, response["Location"]) == (
                302,
                f"/admin/login/?next={page}",
            ), page


def test_the_admin_group_without_the_staff_flag_does_not_open_the_admin_site(site):
    client = site.client("anonymous", api=False)
    client.force_login(UserFactory(username="group-only-admin", role="admin"))
    response = client.get("/admin/")
    assert (response.status_code, response["Location"]) == (302, "/admin/login/?next=/admin/")
