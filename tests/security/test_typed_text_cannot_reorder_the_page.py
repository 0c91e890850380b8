"""Right-to-left text and Unicode direction controls in anything people type (names, usernames,
explanations, comments, conditions, the questionnaire's own wording) stay inside an isolate on
every page, so that they cannot reverse or move the words, grades and dates after them.

Every value below carries a RIGHT-TO-LEFT OVERRIDE (some with a stray POP DIRECTIONAL ISOLATE in
front, which would close a plain <bdi> early) or Hebrew/Arabic letters; tests/support/bidi.py
reports each such character found outside an isolate.
"""

import pytest
import yaml
from django.test import Client

from assessments.invitations.mail import done_message, invitation_message, reminder_message
from assessments.invitations.reminders import OVERDUE
from assessments.invitations.services import invitation_create
from assessments.lifecycle.reassessment import assessment_reassess
from assessments.lifecycle.services import assessment_create
from assessments.models import Invitation, ReminderLog
from assessments.questionnaire.loader import questionnaire_import, validate_document
from assessments.review.services import (
    assessment_request_changes,
)
from core.bidi import bidi_balanced, isolate_text
from tests.assessments.helpers import DEPARTURE, decide, type_into_every_field
from tests.factories import UserFactory
from tests.support.bidi import unisolated, unisolated_text
from tests.support.questionnaires import REAL_QUESTIONNAIRE
from vendors.models import Contact, Vendor
from vendors.services import contact_create, offering_create, vendor_create

pytestmark = pytest.mark.django_db

RLO, PDI = "\u202e", "\u2069"
EVIL = f"{PDI}{RLO}Evil Corp"  # the PDI would close a plain <bdi>, the override then runs on
HEBREW = "שירות ענן 2"
ARABIC = "سارة"


def said(what: str) -> str:
    return f"{RLO}{what} {HEBREW}"


def _hostile_questionnaire():
    """The shipped questionnaire, its title and every domain, question, option and finding worded
    with an override or in Hebrew."""
    document = yaml.safe_load(REAL_QUESTIONNAIRE.read_text(encoding="utf-8"))
    document["key"], document["title"] = "bidi", said("Questionnaire")
    for domain in document["domains"]:
        domain["title"] = said(domain["title"])
        for question in domain["questions"]:
            question["text"] = said(question["text"])
            for option in question["options"]:
                option["label"] = said(option["label"])
                if "finding" in option:
                    option["finding"]["title"] = said(option["finding"]["title"])
                    option["finding"]["rationale"] = said(option["finding"]["rationale"])
    return questionnaire_import(
        document=validate_document(document, "bidi.yaml"), source="bidi.yaml"
    ).questionnaire


@pytest.fixture
def people(db):
    procurement = UserFactory(
        username=f"pat{RLO}", first_name=ARABIC, last_name=EVIL, role="procurement"
    )
    architect = UserFactory(username=f"ada{RLO}", role="architect")
    return procurement, architect


@pytest.fixture
def world(people, settings, tmp_path):
    """A vendor with a decided assessment and its reassessment, one in review and one sent back
    for clarification, every typed field hostile."""
    settings.MEDIA_ROOT = tmp_path
    procurement, architect = people
    questionnaire = _hostile_questionnaire()
    vendor = vendor_create(
        actor=procurement,
        name="Evil Corp",
        country="Land",
        notes=said("Notes"),
        website="https://vendor.example/",
    )
    contact = contact_create(
        actor=procurement,
        vendor=vendor,
        name="Contact",
        email="jo@vendor.example",
        role="Role",
        phone="Phone",
    )
    # One-line fields refuse direction controls now (core/text.py); rows stored before may hold
    # them, and every page, mail and PDF must still show them safely.
    Vendor.objects.filter(pk=vendor.pk).update(name=EVIL, country=said("Land"))
    vendor.refresh_from_db()
    Contact.objects.filter(pk=contact.pk).update(
        name=said("Contact"), role=said("Role"), phone=said("Phone")
    )
    offerings = [
        offering_create(
            actor=procurement,
            vendor=vendor,
            name=f"{HEBREW} {n}",
            deployment_model="saas",
            description=said("Description"),
        )
        for n in range(3)
    ]
    decided, in_review, sent_back = (
        assessment_create(actor=procurement, offering=o, questionnaire=questionnaire)
        for o in offerings
    )
    for assessment in (decided, in_review, sent_back):
        keys = type_into_every_field(
            assessment,
            procurement=procurement,
            architect=architect,
            text=said("Typed"),
            file_name=f"{HEBREW}.pdf",  # control characters are taken out of file names
            url="https://vendor.example/שירות",
        )
    decide(
        actor=architect,
        assessment_pk=decided.pk,
        decision="approved_with_conditions",
        rationale=said("Rationale"),
        departure=said(DEPARTURE),
    )
    revision = assessment_reassess(actor=procurement, assessment_pk=decided.pk)
    assessment_request_changes(
        actor=architect,
        assessment_pk=sent_back.pk,
        question_keys=[keys[0], keys[1]],
        message=said("Please clarify"),
    )
    _, token = invitation_create(
        actor=procurement,
        assessment=sent_back,
        email="jo@vendor.example",
        name="Contact",
        domain_keys=[questionnaire.domains.first().key],
        expires_in_days=14,
    )
    return {
        "vendor": vendor,
        "decided": decided,
        "revision": revision,
        "in_review": in_review,
        "sent_back": sent_back,
        "token": token,
        "keys": keys[:3],
        "procurement": procurement,
        "architect": architect,
    }


def _internal_pages(world, who):
    v = world["vendor"].pk
    d, r, i, s = (world[k].pk for k in ("decided", "revision", "in_review", "sent_back"))
    editing = [
        f"/vendors/{v}/edit/",
        f"/vendors/{v}/offerings/new/",
        f"/vendors/{v}/contacts/new/",
        "/assessments/new/",
    ]
    return [
        "/",
        "/vendors/",
        f"/vendors/?q={RLO}",
        f"/vendors/{v}/",
        *(editing if who == "procurement" else []),
        "/assessments/review/",
        *(f"/assessments/{a}/" for a in (d, r, i, s)),
        *(f"/assessments/{a}/form/" for a in (r, s)),
        *(f"/assessments/{a}/history/" for a in (d, r, i, s)),
        f"/assessments/{r}/diff/",
        *(f"/assessments/{a}/review/" for a in (d, i, s)),
        f"/assessments/{i}/review/?show=findings",
        f"/assessments/{i}/review/?show=decision",
        f"/assessments/{i}/review/fragments/?show=decision&rows={','.join(world['keys'])}",
    ]


def _problems(client, paths, method="get", **data) -> str:
    found = {}
    for path in paths:
        response = getattr(client, method)(path, data, follow=True)
        assert response.status_code == 200, path
        problems = unisolated(response.content.decode())
        if problems:
            found[path] = problems
    return "\n".join(f"{path}\n  " + "\n  ".join(problems) for path, problems in found.items())


@pytest.mark.parametrize("who", ["procurement", "architect"])
def test_every_internal_page_isolates_what_people_typed(world, who):
    client = Client()
    client.force_login(world[who])
    assert not _problems(client, _internal_pages(world, who))


def test_the_decision_preview_isolates_findings_conditions_and_reasons(world):
    client = Client()
    client.force_login(world["architect"])
    preview = f"/assessments/{world['in_review'].pk}/review/decision-preview/"
    for decision in ("approved", "approved_with_conditions"):
        assert not _problems(
            client,
            [preview],
            method="post",
            decision=decision,
            rationale=said("Rationale"),
            departure_justification=said(DEPARTURE),
        )


def test_the_vendor_portal_isolates_what_people_typed(world):
    vendor = Client()
    invite = f"/vendor/invite/{world['token']}/"
    assert not _problems(vendor, [invite])
    assert not _problems(vendor, [invite], method="post")  # confirms, and lands on the form


def test_a_message_that_names_a_vendor_isolates_the_name(world):
    client = Client()
    client.force_login(world["procurement"])
    assert not _problems(client, ["/vendors/new/"], method="post", name=EVIL)


def test_invitation_e_mails_isolate_names_and_titles(world):
    invitation = Invitation.objects.get(
        assessment=world["sent_back"], contact__email="jo@vendor.example"
    )
    for message in (invitation_message(invitation, world["token"]), done_message(invitation)):
        assert unisolated_text(message.subject) is None
        assert unisolated_text(message.body) is None
    for kind in ("due-7", OVERDUE):
        message = reminder_message(ReminderLog(invitation=invitation, kind=kind))
        assert unisolated_text(message.subject) is None
        assert unisolated_text(message.body) is None


def test_the_compare_picker_isolates_names(world):
    client = Client()
    client.force_login(world["architect"])
    assert not _problems(client, ["/reports/compare/"])


def test_the_check_finds_a_value_left_out_of_an_isolate():
    """The check itself: it fails the pages above if a template prints a value bare, or in a <bdi>
    without balancing it first."""
    assert unisolated(f"<p>Assessment of {EVIL} requested by ada</p>")
    assert unisolated(f"<p>Offering <b>{HEBREW}</b> due 2027</p>")
    assert unisolated(f"<p>Assessment of <bdi>{EVIL}</bdi> requested by ada</p>")
    assert unisolated(f"<title>{EVIL} · Review</title>")
    assert not unisolated(f"<p>Assessment of <bdi>{bidi_balanced(EVIL)}</bdi> requested</p>")
    assert not unisolated(f"<title>{isolate_text(EVIL)} · Review</title>")
