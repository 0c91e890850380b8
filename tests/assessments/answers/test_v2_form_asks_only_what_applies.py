"""On questionnaire v2 the first answers (the product and how it is deployed) decide what the form
asks: a SaaS product meets no on-premises update question, and the context questions add nothing to
the scorecard or its chart."""

import pytest

from assessments.answers.services import answer_save
from assessments.lifecycle import assessment_create
from tests.factories import OfferingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def saas(questionnaire_v2, procurement_user):
    assessment = assessment_create(
        actor=procurement_user, offering=OfferingFactory(), questionnaire=questionnaire_v2
    )
    for key, option in {
        "product.deployment": "saas",
        "product.criticality": "business_critical",
        "product.credentials_role": "authority",
        "product.data_leaves": "content",
    }.items():
        answer_save(
            actor=procurement_user, assessment_pk=assessment.pk, question_key=key, option_key=option
        )
    return assessment


def test_the_form_opens_with_the_context_and_hides_what_does_not_apply(
    client, saas, procurement_user
):
    client.force_login(procurement_user)
    response = client.get(f"/assessments/{saas.pk}/form/")
    domains = response.context["domains"]
    assert domains[0].questions[0].key == "product.deployment"
    views = {q.key: q for d in domains for q in d.questions}
    assert views["update_channel.runtime_push"].hidden
    assert views["control_plane.enforcement_location"].hidden
    assert not views["control_plane.service_resilience"].hidden
    # A follow-up shown by several conditions carries them all to the page's script.
    assert views["control_plane.outage_impact"].show_if_json.startswith("[")


def test_the_scorecard_leaves_the_context_domain_out(client, saas, procurement_user):
    client.force_login(procurement_user)
    page = client.get(f"/assessments/{saas.pk}/").content.decode()
    chart = page[page.index('<svg class="domain-chart"') : page.index("</svg>")]
    assert "Integration architecture" in chart
    assert "The product and how it is deployed" not in chart
