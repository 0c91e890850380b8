"""The Compare picker: searched, filtered and paged; the selection rides along in the URL, one
questionnaire version, at most COMPARISON_MAX."""

import pytest

from assessments.models import Assessment
from reports.comparison import COMPARISON_MAX
from reports.picker import PICKER_PAGE_SIZE, TOO_MANY, UNKNOWN_VERSION
from tests.reports.conftest import assessment_of
from tests.support.bidi import without_isolates

pytestmark = pytest.mark.django_db
URL = "/reports/compare/"


@pytest.fixture
def many(questionnaire, procurement_user):
    return [
        assessment_of(questionnaire, procurement_user, vendor=f"Vendor {i:02d}")
        for i in range(PICKER_PAGE_SIZE + 5)
    ]


def _shown(response) -> list:
    return list(response.context["candidates"])


def test_the_picker_shows_one_page_and_searches_vendor_and_offering(client, many, viewer_user):
    client.force_login(viewer_user)

    first = client.get(URL)
    found = client.get(URL, {"q": "vendor 07"})
    by_offering = client.get(URL, {"q": many[3].offering.name})

    assert len(_shown(first)) == PICKER_PAGE_SIZE
    assert len(_shown(client.get(URL, {"page": 2}))) == 5
    assert _shown(found) == [many[7]]
    assert many[3] in _shown(by_offering)


def test_the_picker_filters_by_status_and_version(
    client, many, viewer_user, questionnaire_v2, procurement_user
):
    other = assessment_of(questionnaire_v2, procurement_user, vendor="Other version")
    Assessment.objects.filter(pk=many[0].pk).update(status=Assessment.Status.SUBMITTED)
    client.force_login(viewer_user)

    submitted = client.get(URL, {"status": "submitted"})
    v2 = client.get(URL, {"questionnaire": questionnaire_v2.pk})
    bogus = client.get(URL, {"questionnaire": "nope"})

    assert _shown(submitted) == [many[0]]
    assert _shown(v2) == [other]
    assert UNKNOWN_VERSION in bogus.content.decode()


def test_the_selection_is_kept_across_pages_and_posted(client, many, viewer_user):
    client.force_login(viewer_user)
    first, last = many[0], many[-1]

    page2 = client.get(URL, {"selected": [first.pk, last.pk], "page": 2}).content.decode()

    posted = page2[page2.index("<main") :]
    posted = posted[posted.index('method="post"') : posted.index("</form>")]
    assert f'name="assessments" value="{first.pk}"' in posted
    assert f'name="assessments" value="{last.pk}"' in posted
    # The one on page 1 rides along hidden; the one on this page is a ticked box.
    assert f'<input type="hidden" name="selected" value="{first.pk}">' in page2
    assert f'name="selected" value="{last.pk}" checked' in page2
    assert 'name="page" value="1"' in page2  # paging submits the form: ticks are kept
    assert "Selected: 2 of at most" in without_isolates(page2)


def test_a_selection_locks_the_list_to_its_version(
    client, many, viewer_user, questionnaire_v2, procurement_user
):
    other = assessment_of(questionnaire_v2, procurement_user, vendor="Other version")
    client.force_login(viewer_user)

    response = client.get(URL, {"selected": [many[0].pk, other.pk]})

    assert [a.pk for a in response.context["selected"]] == [many[0].pk]
    assert other not in _shown(client.get(URL, {"selected": many[0].pk, "q": "Other"}))


def test_at_most_the_limit_can_be_selected(client, many, viewer_user):
    client.force_login(viewer_user)
    response = client.get(URL, {"selected": [a.pk for a in many[: COMPARISON_MAX + 2]]})
    page = response.content.decode()
    assert len(response.context["selected"]) == COMPARISON_MAX
    assert TOO_MANY in page
    assert f'name="selected" value="{many[COMPARISON_MAX].pk}" disabled' in page


def test_someone_elses_or_malformed_ids_are_not_selected(client, many, viewer_user):
    client.force_login(viewer_user)
    response = client.get(URL, {"selected": ["not-an-id", "6f1c1a52-0000-4000-8000-000000000000"]})
    assert response.status_code == 200 and response.context["selected"] == []


def test_the_picker_queries_do_not_grow_with_the_assessments(
    client, many, viewer_user, django_assert_max_num_queries
):
    client.force_login(viewer_user)
    with django_assert_max_num_queries(15):
        client.get(URL, {"selected": [many[0].pk, many[1].pk]})
