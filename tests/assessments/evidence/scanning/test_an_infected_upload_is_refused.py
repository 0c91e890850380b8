"""A file the scanner finds infected is refused with a field error that says so: no evidence row,
no file in storage, an audit event and a security log line recording the attempt."""

import logging

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from assessments.evidence.scan import MALWARE_FOUND
from assessments.models import AuditEvent, Evidence
from tests.assessments.evidence.scanning.conftest import eicar_upload, stored_files, upload
from tests.assessments.invitations.conftest import INVITED, question_of
from tests.support.clamd import EICAR, REPORTED_SIGNATURE

pytestmark = pytest.mark.django_db

REFUSAL = MALWARE_FOUND.format(signature=REPORTED_SIGNATURE)


def test_the_api_refuses_an_infected_file_and_stores_nothing(
    clamd, api, assessment, procurement_user, settings, caplog
):
    with caplog.at_level(logging.WARNING, logger="security"):
        response = upload(api(procurement_user), assessment, eicar_upload("soc2.txt"))
    assert response.status_code == 400
    assert response.data == {"file": [REFUSAL]}
    assert "Malware was found" in REFUSAL
    assert not Evidence.objects.exists()
    assert stored_files(settings) == []
    event = AuditEvent.objects.get(action="evidence.malware_refused")
    assert event.actor == procurement_user and event.assessment == assessment
    assert event.new["name"] == "soc2.txt" and event.new["signature"] == REPORTED_SIGNATURE
    assert event.new["size"] == len(EICAR)
    [line] = [r for r in caplog.records if r.name == "security" and hasattr(r, "signature")]
    assert line.signature == REPORTED_SIGNATURE and line.assessment_id == str(assessment.pk)


def test_malware_inside_an_accepted_file_type_is_refused_too(
    clamd, api, assessment, procurement_user, settings
):
    pdf = SimpleUploadedFile("report.pdf", b"%PDF-1.4\n" + EICAR + b"\n%%EOF\n")
    response = upload(api(procurement_user), assessment, pdf)
    assert response.status_code == 400 and response.data == {"file": [REFUSAL]}
    assert not Evidence.objects.exists() and stored_files(settings) == []


def test_the_vendor_form_refuses_an_infected_file(
    clamd, vendor, assessment, questionnaire, settings
):
    key = question_of(questionnaire, INVITED).key
    response = vendor.post(
        f"/vendor/assessments/{assessment.pk}/evidence/",
        {"question_key": key, "file": eicar_upload()},
    )
    assert response.status_code == 400
    assert response.json() == {"file": [REFUSAL]}
    assert not Evidence.objects.exists() and stored_files(settings) == []
    event = AuditEvent.objects.get(action="evidence.malware_refused")
    assert event.actor is None and event.actor_label.startswith("vendor: Jo Vendor")


def test_users_who_may_not_upload_are_refused_before_any_scan(
    clamd, api, assessment, viewer_user, outsider_user
):
    for user in (viewer_user, outsider_user):
        assert upload(api(user), assessment, eicar_upload()).status_code in (403, 404)
    assert not AuditEvent.objects.filter(action="evidence.malware_refused").exists()
