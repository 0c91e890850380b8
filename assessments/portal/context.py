"""What the vendor sees: the form of the invited domains and the JSON of their own writes.

Field-level by construction: these builders copy in only what a vendor may see — questions,
options, their answers' content and version, their own evidence — so a field added to a model
later cannot leak here by default. No score, finding, override, comment, reviewer, evidence level
(everything a vendor writes is a claim) or other domain ever enters the context.
"""

from assessments.answers import answer_sheet, domain_views
from assessments.models import Answer, Evidence, EvidenceLevel, Invitation, VendorSession
from assessments.questionnaire.structure import questionnaire_structure_by_id

_CLAIM_ONLY = ((EvidenceLevel.CLAIM.value, EvidenceLevel.CLAIM.label),)


def vendor_invitation_summary(invitation: Invitation) -> dict:
    """The confirmation page: who is invited, to what, until when — before anything is used."""
    structure = questionnaire_structure_by_id(invitation.assessment.questionnaire_id)
    return {
        "invitation": invitation,
        "domains": [d.title for d in structure.domains if d.key in invitation.domain_keys],
    }


def vendor_form_context(session: VendorSession) -> dict:
    invitation = session.invitation
    assessment = invitation.assessment
    # Only what this contact attached: other evidence may be internal material.
    sheet = answer_sheet(assessment=assessment, evidence_of=invitation.contact)
    domains = domain_views(
        sheet,
        level_choices=lambda row: _CLAIM_ONLY,
        vendor_side=True,
        domain_keys=invitation.domain_keys,
    )
    editable = assessment.is_editable
    return {
        "invitation": invitation,
        "contact": invitation.contact,
        "assessment": assessment,
        "offering": assessment.offering,
        "domains": domains,
        "editable": editable,
        "can_add_evidence": editable,
        # Its own key for the form script's unsaved-changes store: never replay an internal
        # user's pending edits from this browser as the vendor's claims, or the reverse.
        "store_key": f"vendor-{session.pk}",
        "answered_total": sum(d.answered for d in domains),
        "applicable_total": sum(d.applicable for d in domains),
    }


def vendor_done_confirm_context(session: VendorSession, refusal) -> dict:
    """The page that asks a vendor to confirm "done" with questions still open: the sentence of
    `refusal` (portal.services.UnansweredRemain) and its questions, by domain."""
    invitation = session.invitation
    by_domain: dict[str, list] = {}
    for question in refusal.unanswered:
        by_domain.setdefault(question.domain_title, []).append(question)
    return {
        "invitation": invitation,
        "contact": invitation.contact,
        "assessment": invitation.assessment,
        "offering": invitation.assessment.offering,
        "message": refusal.message,
        "unanswered_by_domain": list(by_domain.items()),
        "unanswered_count": len(refusal.unanswered),
        "first_key": refusal.unanswered[0].key,
    }


def vendor_answer_payload(answer: Answer) -> dict:
    """An answer as the vendor may see it. `evidence_level` is always "claim": the form script
    expects the key, and from the vendor's side every answer is their claim."""
    question = questionnaire_structure_by_id(answer.assessment.questionnaire_id).by_id[
        answer.question_id
    ]
    option = question.option_by_id(answer.option_id)
    return {
        "question_key": question.key,
        "option": option.key if option else None,
        "na": answer.is_na,
        "text": answer.vendor_explanation,  # their own words, never the buyer's notes
        "evidence_level": EvidenceLevel.CLAIM.value,
        "version": answer.version,
        "updated_at": answer.updated_at.isoformat() if answer.updated_at else None,
    }


def vendor_evidence_payload(evidence: Evidence, question_key: str) -> dict:
    return {
        "id": str(evidence.pk),
        "question_key": question_key,
        "name": evidence.original_name,
        "url": evidence.url,
        "note": evidence.note,
        "size": evidence.size,
        "sha256": evidence.sha256,
        "scan_status": evidence.scan_status,
        "answer_version": evidence.answer.version,
        "created_at": evidence.created_at.isoformat(),
    }
