import pytest
from django.db import connection
from rest_framework.test import APIClient

from assessments.models import QuestionnaireVersion
from assessments.questionnaire.loader import questionnaire_load_file
from assessments.questionnaire.structure import questionnaire_structure
from tests.factories import UserFactory, api_key_for
from tests.support.questionnaires import (
    REAL_QUESTIONNAIRE,
    REAL_QUESTIONNAIRE_V2,
    REAL_QUESTIONNAIRE_V3,
)

# The test OpenID provider, for tests/sso and the browser tests that sign in through it.
pytest_plugins = ["tests.sso.fixtures"]


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # PBKDF2 is slow by design; tests only need passwords that check, not that resist cracking.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _questionnaire_cache_forgets_what_a_test_loaded():
    """The per-process questionnaire cache trusts that a published version's id never changes
    hands. Tests roll back, and SQLite then hands the same id to the next test's questionnaire, so
    whatever a test added to the cache goes with it."""
    from assessments.questionnaire import structure

    before = set(structure._locked_by_id), set(structure._cache)
    yield
    for pk in set(structure._locked_by_id) - before[0]:
        structure._locked_by_id.pop(pk, None)
    for key in set(structure._cache) - before[1]:
        structure._cache.pop(key, None)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the real questionnaire once per run; tests roll back around it."""
    with django_db_blocker.unblock():
        loaded = questionnaire_load_file(path=REAL_QUESTIONNAIRE).questionnaire
        # Cached for the whole run: what tests add to the cache goes after each one.
        questionnaire_structure(loaded)
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
def questionnaire_v2(questionnaire) -> QuestionnaireVersion:
    """Version 2 of the shipped questionnaire, published beside version 1 (which stays loaded)."""
    return questionnaire_load_file(path=REAL_QUESTIONNAIRE_V2).questionnaire


@pytest.fixture
def questionnaire_v3(questionnaire_v2) -> QuestionnaireVersion:
    """Version 3 (impacts and criteria references), published beside versions 1 and 2."""
    return questionnaire_load_file(path=REAL_QUESTIONNAIRE_V3).questionnaire


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
            client.credentials(HTTP_AUTHORIZATION=f"Token {api_key_for(user)}")
        return client

    return make
