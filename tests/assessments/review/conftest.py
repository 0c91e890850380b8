"""Fixtures of the review tests: an approval with conditions and one open condition of it."""

import pytest

from tests.assessments.home.builders import build, condition


@pytest.fixture
def approved(questionnaire):
    return build(questionnaire, status="approved_with_conditions")


@pytest.fixture
def open_condition(approved):
    """Open and three days overdue."""
    return condition(approved, due_in_days=-3, owner="Vendor management")
