"""Every audit event's action is a member of one enum (AuditAction, or CatalogueAction for the
vendor catalogue) with a sentence people read; no service writes an action as a free string, and
the history shows the sentence, not the key."""

import ast
import re
from pathlib import Path

import pytest

from assessments.lifecycle.services import assessment_submit
from assessments.models import AuditAction, AuditEvent
from tests.assessments.helpers import answer_all
from tests.support.bidi import without_isolates
from vendors.models import CatalogueAction

ROOT = Path(__file__).resolve().parents[2]
APP = ("assessments", "reports", "vendors", "core")
RECORDERS = {"audit_record", "catalogue_record"}


@pytest.mark.parametrize("enum", [AuditAction, CatalogueAction])
def test_each_action_has_its_own_sentence(enum):
    labels = [member.label for member in enum]
    assert len(set(labels)) == len(labels)
    for member in enum:
        assert member.label != member.value and member.label[0].islower(), member
        assert "_" not in member.label and "." not in member.label, member


def _literal_actions() -> list[str]:
    found = []
    for package in APP:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text())):
                if not (isinstance(node, ast.Call) and getattr(node.func, "id", "") in RECORDERS):
                    continue
                for keyword in node.keywords:
                    if keyword.arg == "action" and any(
                        isinstance(n, ast.Constant) and isinstance(n.value, str)
                        for n in ast.walk(keyword.value)
                    ):
                        found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_no_service_writes_an_action_as_a_free_string():
    assert _literal_actions() == []


@pytest.mark.django_db
def test_a_whole_workflow_writes_only_known_actions_and_the_history_reads_them(
    client, assessment, procurement_user
):
    answer_all(assessment, procurement_user)
    assessment_submit(actor=procurement_user, assessment_pk=assessment.pk)
    assert not AuditEvent.objects.exclude(action__in=AuditAction.values).exists()
    client.force_login(procurement_user)
    html = without_isolates(client.get(f"/assessments/{assessment.pk}/history/").content.decode())
    assert "pat submitted the assessment for review" in html
    first = assessment.answers.select_related("question", "option").order_by("question__position")[
        0
    ]
    assert f"pat answered “{first.question.text}”: “{first.option.label}”" in html
    # What a person reads: the filter's <option value="answer.saved"> is a key, not text on show.
    shown = re.sub(r"<[^>]+>", " ", html)
    assert "assessment.submitted" not in shown and "answer.saved" not in shown
    assert "option:" not in shown and "na: False" not in shown
