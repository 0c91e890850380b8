from tests.assessments.conftest import assessment  # noqa: F401  (shared fixture)
