import pytest

from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def test_a_token_is_issued_for_a_correct_password_and_works(client, api, procurement_user):
    response = client.post(
        "/api/v1/auth/token/", {"username": procurement_user.username, "password": TEST_PASSWORD}
    )
    assert response.status_code == 200
    token = response.json()["token"]
    from rest_framework.test import APIClient

    authed = APIClient()
    authed.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert authed.get("/api/v1/assessments/").status_code == 200


def test_a_wrong_password_gets_no_token(client, procurement_user):
    response = client.post(
        "/api/v1/auth/token/", {"username": procurement_user.username, "password": "wrong"}
    )
    assert response.status_code == 400
    assert "token" not in response.json()


def test_the_openapi_schema_and_docs_are_served(client, viewer_user):
    schema = client.get("/api/schema/")
    assert schema.status_code == 200
    text = schema.content.decode()
    for route in (
        "/api/v1/assessments/{id}/answers/{question_key}/",
        "/api/v1/assessments/{id}/scorecard/",
        "/api/v1/vendors/",
    ):
        assert route in text
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    assert b"swagger-ui" in docs.content
    assert b"cdn" not in docs.content.lower()  # assets come from the app, not a CDN
