import pytest
from django.db import connection
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from assessments.models import QuestionnaireVersion
from assessments.questionnaire.loader import questionnaire_load_file
from tests.factories import UserFactory
from tests.support.questionnaires import REAL_QUESTIONNAIRE


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # PBKDF2 is slow by design; tests only need passwords that check, not that resist cracking.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the real questionnaire once per run; tests roll back around it."""
    with django_db_blocker.unblock():
        questionnaire_load_file(path=REAL_QUESTIONNAIRE)
    yield
    with django_db_blocker.unblock():
        _end_other_sessions()


def _end_other_sessions() -> None:
    """Live-server threads and worker processes may still hold connections to the test database;
    PostgreSQL refuses to drop a database in use, so end them before pytest-django drops it."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


@pytest.fixture
def questionnaire(db) -> QuestionnaireVersion:
    """The real, shipped questionnaire, loaded and published (reloaded if a transactional test
    flushed the database)."""
    return questionnaire_load_file(path=REAL_QUESTIONNAIRE).questionnaire


@pytest.fixture
def procurement_user(db):
    return UserFactory(username="pat", role="procurement")


@pytest.fixture
def architect_user(db):
    return UserFactory(username="ada", role="architect")


@pytest.fixture
def viewer_user(db):
    return UserFactory(username="vic", role="viewer")


@pytest.fixture
def admin_user(db):
    return UserFactory(username="root-admin", role="admin", is_staff=True, is_superuser=True)


@pytest.fixture
def outsider_user(db):
    """Signed in, but holds no role: must be refused everywhere (healthchecks' "charlie")."""
    return UserFactory(username="charlie")


@pytest.fixture
def api():
    """An API client that signs in with a real token: `api(user)`; `api(None)` is anonymous."""

    def make(user) -> APIClient:
        client = APIClient()
        if user is not None:
            token, _ = Token.objects.get_or_create(user=user)
            client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return make
