"""An assessment with more answers than EXPORT_INLINE_MAX_ANSWERS is exported by a report job: the
button (POST) queues it and lands on its status page, the worker writes the same workbook the
request would have, and it downloads from the job. GET only offers the button. Up to the limit the
file still comes straight back, from GET or POST, and no job is made. (The shipped questionnaire
has about 94 questions, so the tests lower the limit.)"""

import copy
import io

import pytest
from openpyxl import load_workbook

from assessments.answers import answer_sheet
from assessments.lifecycle.services import assessment_create
from interchange import export
from interchange.export import answers_export_rows
from interchange.views import UNCHANGED
from reports.models import Report
from reports.rendering import report_render
from tests.assessments.helpers import answer_all
from tests.factories import OfferingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _isolated_storage(settings, tmp_path):
    storages = copy.deepcopy(settings.STORAGES)
    storages["reports"] = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(tmp_path / "reports")},
    }
    settings.STORAGES = storages


@pytest.fixture
def answered(questionnaire, procurement_user):
    offering = OfferingFactory(name="Gateway", vendor__name="Acme")
    assessment = assessment_create(
        actor=procurement_user, offering=offering, questionnaire=questionnaire
    )
    answer_all(assessment, procurement_user, pick="worst")
    return assessment


@pytest.fixture
def large(monkeypatch, answered):
    """The assessment counts as large: the limit is below its number of answers."""
    monkeypatch.setattr(export, "EXPORT_INLINE_MAX_ANSWERS", 10)
    return answered


def _url(assessment, file_format: str) -> str:
    return f"/assessments/{assessment.pk}/export/answers.{file_format}"


def test_the_row_count_is_every_question_on_show(answered):
    sheet = answer_sheet(assessment=answered)
    assert answers_export_rows(answered) == sum(1 for row in sheet.rows if not row.hidden)


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_a_small_export_still_comes_straight_back_and_makes_no_job(
    client, answered, viewer_user, file_format
):
    client.force_login(viewer_user)
    for send in (client.get, client.post):
        response = send(_url(answered, file_format))
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith('attachment; filename="Acme-Gateway')
    assert not Report.objects.exists()


@pytest.mark.parametrize(
    ("file_format", "kind"), [("xlsx", "answers_xlsx"), ("csv", "answers_csv")]
)
def test_the_button_queues_a_job_and_lands_on_its_status_page(
    client, large, viewer_user, file_format, kind
):
    client.force_login(viewer_user)
    response = client.post(_url(large, file_format))
    report = Report.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/reports/{report.pk}/"
    assert (report.kind, report.status, report.assessment) == (kind, "queued", large)
    assert report.parameters == {"rows": answers_export_rows(large)}
    assert report.artifact_name == ""  # nothing was written in the request
    page = client.get(response["Location"]).content.decode()
    rows = answers_export_rows(large)
    assert f"Your export of {rows:,} answers is being prepared…" in page


def test_get_only_offers_the_button(client, large, viewer_user):
    client.force_login(viewer_user)
    page = client.get(_url(large, "xlsx"))
    html = page.content.decode()
    assert page.status_code == 200 and page["Content-Type"].startswith("text/html")
    assert f"This assessment has {answers_export_rows(large):,} answers" in html
    assert f'action="{_url(large, "xlsx")}"' in html
    assert not Report.objects.exists()


def test_the_worker_writes_the_same_workbook_the_request_would_have(
    client, monkeypatch, answered, viewer_user
):
    client.force_login(viewer_user)
    direct = load_workbook(io.BytesIO(client.get(_url(answered, "xlsx")).content))
    monkeypatch.setattr(export, "EXPORT_INLINE_MAX_ANSWERS", 10)
    client.post(_url(answered, "xlsx"))
    report = report_render(report_id=Report.objects.get().pk)
    assert report.status == "done"
    download = client.get(f"/reports/{report.pk}/download/")
    assert download["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert download["Content-Disposition"].startswith('attachment; filename="acme-gateway-answers-')
    made = load_workbook(io.BytesIO(download.content))
    assert made.sheetnames == direct.sheetnames
    for name in made.sheetnames[1:]:  # the About sheet differs only in its time of export
        assert list(made[name].values) == list(direct[name].values)


def test_asking_again_for_unchanged_answers_returns_the_same_job(client, large, viewer_user):
    client.force_login(viewer_user)
    first = client.post(_url(large, "csv"))
    again = client.post(_url(large, "csv"), follow=True)
    assert again.redirect_chain[0][0] == first["Location"]
    assert UNCHANGED in again.content.decode()
    assert Report.objects.count() == 1


def test_outsiders_start_nothing(client, large, outsider_user):
    assert client.post(_url(large, "xlsx"))["Location"].startswith("/accounts/login/")
    client.force_login(outsider_user)
    assert client.post(_url(large, "xlsx")).status_code == 403
    assert client.get(_url(large, "xlsx")).status_code == 403
    assert not Report.objects.exists()
