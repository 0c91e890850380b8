"""What a webhook says: ids and links, never assessment content (answers, findings, rationales).
A receiver reads what it needs through the API with its own token, under its own permissions."""

from django.conf import settings


def _base() -> str:
    return settings.APP_BASE_URL.rstrip("/")


def assessment_data(assessment) -> dict:
    base = _base()
    return {
        "assessment": {
            "id": str(assessment.pk),
            "status": assessment.status,
            "revision": assessment.revision,
            "url": f"{base}/assessments/{assessment.pk}/",
            "api_url": f"{base}/api/v1/assessments/{assessment.pk}/",
        },
        "offering": {"id": str(assessment.offering_id)},
    }


def report_data(report) -> dict:
    base = _base()
    return {
        "report": {
            "id": str(report.pk),
            "kind": report.kind,
            "api_url": f"{base}/api/v1/reports/{report.pk}/",
            "download_api_url": f"{base}/api/v1/reports/{report.pk}/download/",
        },
        "assessments": [{"id": str(pk)} for pk in report.subject_ids],
    }
