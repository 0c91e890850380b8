"""Comparison reports: 2 to 6 assessments of one questionnaire version, side by side."""

import uuid

import pytest

from assessments.questionnaire.loader import questionnaire_import
from assessments.questionnaire.schema import validate_document
from assessments.questionnaire.structure import questionnaire_structure
from reports.comparison import comparison_context
from reports.models import Report
from reports.rendering import report_render
from reports.services import COMPARISON_SIZE, COMPARISON_VERSIONS
from reports.storage import report_storage
from tests.reports.conftest import answer_everything, assessment_of, pdf_contains, pdf_text
from tests.support.bidi import without_isolates
from tests.support.questionnaires import small_document

pytestmark = pytest.mark.django_db

URL = "/api/v1/comparisons/"


@pytest.fixture
def pair(questionnaire, procurement_user):
    strong = assessment_of(questionnaire, procurement_user, vendor="Strongbox Systems")
    weak = assessment_of(questionnaire, procurement_user, vendor="Flimsy Cloud")
    answer_everything(strong, procurement_user, pick="best")
    answer_everything(weak, procurement_user, pick="worst")
    return strong, weak


@pytest.fixture
def mini_assessment(procurement_user):
    document = validate_document(small_document(), "mini")
    version = questionnaire_import(document=document, source="mini").questionnaire
    return assessment_of(version, procurement_user, vendor="Mini Vendor")


def _ids(*assessments) -> dict:
    return {"assessments": [str(a.pk) for a in assessments]}


def test_comparing_two_assessments_is_accepted_and_queued(api, pair, viewer_user):
    response = api(viewer_user).post(URL, _ids(*pair), format="json")

    assert response.status_code == 202
    assert response.data["kind"] == "comparison"
    assert response.data["status"] == "queued"
    # Alphabetical by vendor, whatever the order they were picked in.
    strong, weak = pair
    assert response.data["subjects"] == [str(weak.pk), str(strong.pk)]
    assert Report.objects.get().pk == uuid.UUID(response.data["id"])


def test_asking_again_for_the_same_comparison_returns_the_same_report(api, pair, viewer_user):
    first = api(viewer_user).post(URL, _ids(*pair), format="json")
    again = api(viewer_user).post(URL, _ids(*pair), format="json")
    reversed_ = api(viewer_user).post(URL, _ids(*reversed(pair)), format="json")

    assert again.data["id"] == first.data["id"] == reversed_.data["id"]
    assert reversed_.data["subjects"] == first.data["subjects"]
    assert Report.objects.count() == 1


def test_comparing_is_refused_to_outsiders_and_anonymous(api, pair, outsider_user):
    assert api(outsider_user).post(URL, _ids(*pair), format="json").status_code == 403
    assert api(None).post(URL, _ids(*pair), format="json").status_code == 401
    assert not Report.objects.exists()


def test_the_comparison_pdf_lists_each_vendor_its_grade_and_every_domain(api, pair, viewer_user):
    report_id = api(viewer_user).post(URL, _ids(*pair), format="json").data["id"]

    report = report_render(report_id=report_id)

    assert report.status == Report.Status.DONE
    with report_storage().open(report.artifact_name, "rb") as handle:
        text = pdf_text(handle.read())
    # The report shows them in its own (alphabetical) order; its digest is of that order.
    context = comparison_context(assessments=list(reversed(pair)))
    grades = [c["card"]["grade"] for c in context["columns"]]
    assert grades[0] != grades[1], "the two candidates should differ"
    for column in context["columns"]:
        assert column["assessment"].offering.vendor.name in text
        label = column["recommendation_label"].lower()
        assert pdf_contains(text, f"Grade {column['card']['grade']}, {label}")
    for domain in questionnaire_structure(pair[0].questionnaire).domains:
        assert pdf_contains(text, domain.title), domain.title
    assert report.scorecard_sha256 == context["scorecard_sha256"]


def test_one_assessment_is_not_a_comparison(api, assessment, viewer_user):
    response = api(viewer_user).post(URL, _ids(assessment, assessment), format="json")

    assert response.status_code == 400
    assert response.data == {"assessments": [COMPARISON_SIZE]}
    assert not Report.objects.exists()


def test_seven_assessments_are_too_many_to_compare(
    api, questionnaire, procurement_user, viewer_user
):
    seven = [assessment_of(questionnaire, procurement_user) for _ in range(7)]

    response = api(viewer_user).post(URL, _ids(*seven), format="json")

    assert response.status_code == 400
    assert response.data == {"assessments": [COMPARISON_SIZE]}
    assert not Report.objects.exists()


def test_assessments_of_different_questionnaire_versions_do_not_compare(
    api, assessment, mini_assessment, viewer_user
):
    response = api(viewer_user).post(URL, _ids(assessment, mini_assessment), format="json")

    assert response.status_code == 400
    assert response.data == {"assessments": [COMPARISON_VERSIONS]}
    assert not Report.objects.exists()


def test_an_assessment_the_user_cannot_see_answers_404(api, assessment, viewer_user):
    response = api(viewer_user).post(
        URL, {"assessments": [str(assessment.pk), str(uuid.uuid4())]}, format="json"
    )

    assert response.status_code == 404
    assert not Report.objects.exists()


def test_the_picker_lists_assessments_grouped_by_questionnaire(
    client, pair, mini_assessment, viewer_user
):
    client.force_login(viewer_user)

    page = without_isolates(client.get("/reports/compare/").content.decode())

    real = pair[0].questionnaire
    assert f"{real.title} v{real.version}" in page
    assert "Mini questionnaire v1" in page
    for candidate in (*pair, mini_assessment):
        assert f'value="{candidate.pk}"' in page
    mini_group = page[page.index("Mini questionnaire v1") :]
    mini_group = mini_group[: mini_group.index("</fieldset>")]
    assert "Mini Vendor" in mini_group and "Strongbox Systems" not in mini_group


def test_the_picker_creates_a_comparison_and_shows_its_status(client, pair, viewer_user):
    client.force_login(viewer_user)

    response = client.post("/reports/compare/", _ids(*pair))

    report = Report.objects.get()
    assert report.kind == Report.Kind.COMPARISON
    assert response.status_code == 302
    assert response["Location"] == f"/reports/{report.pk}/"


def test_the_picker_explains_a_refused_choice(client, assessment, viewer_user):
    client.force_login(viewer_user)

    response = client.post("/reports/compare/", _ids(assessment), follow=True)

    assert response.status_code == 200
    assert COMPARISON_SIZE in response.content.decode()
    assert not Report.objects.exists()


def test_the_picker_is_refused_to_outsiders_and_anonymous(client, pair, outsider_user):
    anonymous = client.get("/reports/compare/")
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/accounts/login/?next=")
    assert client.post("/reports/compare/", _ids(*pair)).status_code == 302

    client.force_login(outsider_user)
    assert client.get("/reports/compare/").status_code == 403
    assert client.post("/reports/compare/", _ids(*pair)).status_code == 403
    assert not Report.objects.exists()


def test_the_comparison_preview_shows_both_candidates_in_the_browser(
    client, pair, viewer_user, outsider_user
):
    url = f"/reports/compare/preview/?a={pair[0].pk}&a={pair[1].pk}"
    assert client.get(url).status_code == 302

    client.force_login(viewer_user)
    page = client.get(url).content.decode()
    assert "Strongbox Systems" in page and "Flimsy Cloud" in page
    assert 'href="asset:' not in page
    assert "/static/reports/report.css" in page
    assert client.get(f"/reports/compare/preview/?a={pair[0].pk}").status_code == 400

    client.force_login(outsider_user)
    assert client.get(url).status_code == 403


def test_a_comparison_of_three_breaks_no_word_in_its_tables(
    api, pair, questionnaire, procurement_user, viewer_user
):
    """Narrow table columns once split headers and labels mid-word ("RECOMME NDATION"); a word now
    wraps whole or not at all, whatever the table."""
    third = assessment_of(questionnaire, procurement_user, vendor="Consolidated Interconnect")
    answer_everything(third, procurement_user, pick="best")
    report_id = api(viewer_user).post(URL, _ids(*pair, third), format="json").data["id"]

    report = report_render(report_id=report_id)

    with report_storage().open(report.artifact_name, "rb") as handle:
        text = pdf_text(handle.read())
    words = {"Recommendation", "Evidenced", "Decision", "recommended", "Consolidated"}
    words.add("Interconnect")
    for domain in questionnaire_structure(questionnaire).domains:
        words.update(w.strip("()") for w in domain.title.split() if len(w) > 8)
    for word in sorted(words):  # headers may print in capitals
        assert word.casefold() in text.casefold(), f"{word!r} is broken or missing"
