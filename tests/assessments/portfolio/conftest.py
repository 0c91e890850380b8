"""Assessments for the list's tests, made directly with their stored summaries (the list reads
only those), many at a time when a test needs many."""

import copy
import itertools
from urllib.parse import urlencode

import pytest
from django.utils import timezone

from assessments.models import Assessment, AssessmentSummary
from assessments.workflow import DECIDED
from reports.rendering import report_render
from vendors.models import Offering, Vendor

EXPORT_URLS = {"csv": "/assessments/export/csv/", "xlsx": "/assessments/export/xlsx/"}
_numbers = itertools.count(1)


@pytest.fixture(autouse=True)
def _isolated_storage(settings, tmp_path):
    """The exports' files (report jobs) go to this test's folder, never to the shared var/."""
    storages = copy.deepcopy(settings.STORAGES)
    storages["reports"] = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(tmp_path / "reports")},
    }
    settings.STORAGES = storages


def summary_for(assessment: Assessment, **values) -> AssessmentSummary:
    fields = {
        "grade": "C",
        "uncapped_grade": "C",
        "recommendation": "high_risk",
        "claimed": 80,
        "evidenced": 50,
        "gap": 30,
        "answered": 60,
        "applicable": 60,
        "open_critical": 0,
        "open_high": 0,
        "open_medium": 0,
        "open_low": 0,
        "accepted_findings": 0,
        "to_review": 60,
        "reviewed": 0,
        "to_reconfirm": 0,
        "missing_required": 0,
        **values,
    }
    return AssessmentSummary(assessment=assessment, **fields)


def make_many(questionnaire, requester, count: int, **fields) -> list[Assessment]:
    """`count` assessments, each of its own vendor and offering, in six bulk INSERTs."""
    n = next(_numbers)
    vendors = Vendor.objects.bulk_create(Vendor(name=f"Bulk vendor {n}-{i}") for i in range(count))
    offerings = Offering.objects.bulk_create(
        Offering(vendor=v, name=f"Bulk offering {n}-{i}", deployment_model="saas")
        for i, v in enumerate(vendors)
    )
    made = Assessment.objects.bulk_create(
        Assessment(offering=o, questionnaire=questionnaire, requester=requester, **fields)
        for o in offerings
    )
    AssessmentSummary.objects.bulk_create(summary_for(a) for a in made)
    return made


@pytest.fixture
def make(questionnaire, procurement_user):
    """One assessment: `make(vendor="Acme", offering="Gateway", status=..., summary={...})`."""

    def build(
        *, vendor: str = "", offering: str = "", summary: dict | None = None, **fields
    ) -> Assessment:
        n = next(_numbers)
        owner = Vendor.objects.create(name=vendor or f"Vendor {n}")
        product = Offering.objects.create(
            vendor=owner, name=offering or f"Offering {n}", deployment_model="saas"
        )
        fields.setdefault("requester", procurement_user)
        fields.setdefault("questionnaire", questionnaire)
        if fields.get("status") in DECIDED:
            fields.setdefault("decided_at", timezone.now())
        assessment = Assessment.objects.create(offering=product, **fields)
        summary_for(assessment, **(summary or {})).save()
        return assessment

    return build


def listed(response) -> list[str]:
    """The ids of the assessments a list page shows, in order."""
    return [row["url"].split("/")[2] for row in response.context["rows"]]


def export(client, kind: str, params: dict | None = None):
    """Press the list's export button (`kind`: csv or xlsx), run the job it queued as a worker
    would, and download what the job made."""
    url = EXPORT_URLS[kind] + (f"?{urlencode(params, doseq=True)}" if params else "")
    started = client.post(url)
    assert started.status_code == 302, started.content
    report_id = started["Location"].strip("/").split("/")[-1]
    assert report_render(report_id=report_id) is not None
    return client.get(f"/reports/{report_id}/download/")
