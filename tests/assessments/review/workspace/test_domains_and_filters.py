"""The workspace shows one domain at a time, or one filter across domains, with counts that agree
with what is listed."""

import re

import pytest

from assessments.questionnaire.structure import questionnaire_structure
from assessments.review.services import answer_evidence_level_set, answer_review_mark
from assessments.review.workspace import review_rows
from tests.assessments.review.workspace.conftest import page
from tests.support.bidi import without_isolates

pytestmark = pytest.mark.django_db


def _rows(response) -> list[str]:
    return re.findall(r'data-row="([^"]+)"', response.content.decode())


def _count(response, key: str) -> int:
    match = re.search(
        rf'href="\?show={key}"[^>]*>\s*<span>[^<]*</span><span class="count">(\d+)</span>',
        response.content.decode(),
    )
    assert match, f"no filter {key}"
    return int(match.group(1))


def test_a_domain_shows_only_its_own_answers_and_the_first_is_the_default(
    client, in_review, architect_user
):
    structure = questionnaire_structure(in_review.questionnaire)
    data = review_rows(assessment=in_review, user=architect_user)
    first, second = structure.domains[0], structure.domains[1]
    on_show = {
        d.key: [r.key for r in data.rows if r.domain_key == d.key] for d in structure.domains
    }

    assert _rows(page(client, architect_user, in_review)) == on_show[first.key]
    response = page(client, architect_user, in_review, f"?domain={second.key}")
    assert _rows(response) == on_show[second.key]
    assert f'<h2 id="view-title">{second.title}</h2>' in without_isolates(response.content.decode())
    # An unknown domain falls back to the first rather than failing.
    assert _rows(page(client, architect_user, in_review, "?domain=nope")) == on_show[first.key]


def test_the_open_findings_filter_lists_every_open_finding_across_domains_and_counts_them(
    client, in_review, architect_user
):
    data = review_rows(assessment=in_review, user=architect_user)
    open_keys = [f["question"] for f in data.card["findings"] if not f["accepted"]]
    assert len(open_keys) >= 3
    response = page(client, architect_user, in_review, "?show=findings")
    listed = _rows(response)
    assert sorted(listed) == sorted(open_keys)
    assert _count(response, "findings") == len(open_keys)
    high = [f["question"] for f in data.card["findings"] if f["severity"] == "high"]
    by_severity = page(client, architect_user, in_review, "?show=findings-high")
    assert sorted(_rows(by_severity)) == sorted(high)
    assert _count(by_severity, "findings-high") == len(high)


def test_claim_and_unreviewed_filters_follow_the_architects_verdicts(
    client, in_review, architect_user
):
    before = page(client, architect_user, in_review, "?show=claim")
    claims = _rows(before)
    unreviewed = _count(before, "unreviewed")
    assert claims and unreviewed >= len(claims)
    first, second = claims[0], claims[1]
    answer_evidence_level_set(
        actor=architect_user,
        assessment_pk=in_review.pk,
        question_key=first,
        evidence_level="verified",
    )
    answer_review_mark(actor=architect_user, assessment_pk=in_review.pk, question_key=second)

    after = page(client, architect_user, in_review, "?show=claim")
    assert _rows(after) == [k for k in claims if k != first]
    assert _count(after, "claim") == len(claims) - 1
    assert _count(after, "unreviewed") == unreviewed - 2
    not_reviewed = _rows(page(client, architect_user, in_review, "?show=unreviewed"))
    assert first not in not_reviewed and second not in not_reviewed
    assert "Reviewed 2 of" in after.content.decode()
