import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from assessments.models import Answer, Assessment
from vendors.models import Vendor


@pytest.mark.django_db
def test_seed_demo_creates_one_user_per_role_and_four_vendors_and_is_idempotent(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    first = io.StringIO()
    call_command("seed_demo", stdout=first)
    users = get_user_model().objects.filter(
        username__in=["procurement", "architect", "viewer", "admin"]
    )
    assert {u.username: list(u.groups.values_list("name", flat=True)) for u in users} == {
        "procurement": ["procurement"],
        "architect": ["architect"],
        "viewer": ["viewer"],
        "admin": ["admin"],
    }
    assert Vendor.objects.count() == 4
    statuses = set(Assessment.objects.values_list("status", flat=True))
    assert statuses == {"draft", "submitted", "in_review", "approved_with_conditions"}
    answers = Answer.objects.count()
    assert answers > 60

    second = io.StringIO()
    call_command("seed_demo", stdout=second)
    assert Vendor.objects.count() == 4 and Assessment.objects.count() == 4
    assert Answer.objects.count() == answers
    assert first.getvalue() == second.getvalue()
    password_line = next(line for line in first.getvalue().splitlines() if "architect /" in line)
    password = password_line.split("/")[-1].strip()
    assert get_user_model().objects.get(username="architect").check_password(password)
