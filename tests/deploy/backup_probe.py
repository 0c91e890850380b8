"""Run as `python -m tests.deploy.backup_probe ACTION` with the installation's environment: the
backup test's hands inside an installation it does not share a process with.

  populate     demo data, one evidence file, one finished report PDF
  fingerprint  JSON of what a restore must bring back (rows, audit trail, checksums)
  downloads    JSON: each evidence file and report PDF fetched through the app's own views
"""

import hashlib
import json
import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from assessments.evidence.services import evidence_add  # noqa: E402
from assessments.models import Answer, Assessment, AuditEvent, Evidence  # noqa: E402
from reports.models import Report  # noqa: E402
from reports.rendering import report_render  # noqa: E402
from reports.services import report_request  # noqa: E402


def populate() -> None:
    call_command("seed_demo", verbosity=0)
    admin = get_user_model().objects.get(username="admin")
    assessment = Assessment.objects.filter(status=Assessment.Status.DRAFT).first()
    key = assessment.questionnaire.questions.order_by("position").first().key
    pdf = b"%PDF-1.4\n% the vendor's penetration test summary\n%%EOF\n"
    evidence_add(
        actor=admin,
        assessment=assessment,
        question_key=key,
        upload=SimpleUploadedFile("pentest.pdf", pdf, "application/pdf"),
    )
    report, _ = report_request(actor=admin, assessment=assessment)
    report_render(report_id=report.pk)


def fingerprint() -> dict:
    return {
        "assessments": sorted(str(pk) for pk in Assessment.objects.values_list("pk", flat=True)),
        "answers": Answer.objects.count(),
        "audit": list(AuditEvent.objects.order_by("id").values_list("id", "action")),
        "evidence": sorted(Evidence.objects.exclude(file="").values_list("sha256", flat=True)),
        "reports": sorted(Report.objects.filter(status="done").values_list("sha256", flat=True)),
    }


def downloads() -> dict:
    client = Client(SERVER_NAME="localhost")
    client.force_login(get_user_model().objects.get(username="admin"))
    fetched = {}
    for item in Evidence.objects.exclude(file="").select_related("answer"):
        response = client.get(f"/assessments/{item.answer.assessment_id}/evidence/{item.pk}/")
        fetched[f"evidence:{item.pk}"] = _digest(response)
    for report in Report.objects.filter(status="done"):
        fetched[f"report:{report.pk}"] = _digest(client.get(f"/reports/{report.pk}/download/"))
    return fetched


def _digest(response) -> list:
    body = b"".join(response) if response.streaming else response.content
    return [response.status_code, hashlib.sha256(body).hexdigest()]


if __name__ == "__main__":
    action = sys.argv[1]
    if action == "populate":
        populate()
    else:
        print(
            json.dumps({"fingerprint": fingerprint, "downloads": downloads}[action](), default=str)
        )
