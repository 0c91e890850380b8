"""One assessment as an OSCAL assessment-results document (JSON), for the GRC tools that read NIST's
Open Security Controls Assessment Language. Built with compliance-trestle's models, generated from
NIST's schema: every field is checked against the schema's types and patterns as it is set, so a
document that would not validate fails here, not in the reader's tool.

How an assessment maps onto OSCAL:
- the offering is the subject: a component of the result's local definitions, named by every
  observation;
- each visible question is an observation: its text, the answer chosen (or "Not answered"), how
  well it is backed (the methods and the evidence levels), its evidence by name and SHA-256;
- each finding of the scorecard is a finding whose target is the question, "not-satisfied";
- the decision, grade, recommendation and the scorecard's SHA-256 (the workbook's digest) are
  metadata props, the decision's rationale and conditions its remarks.

Every UUID is a uuid5 of the assessment's id and what it names, and every time in it comes from
the data, not the clock: exporting unchanged content again gives the same bytes."""

import hashlib
import re
import uuid
from urllib.parse import quote

from trestle.oscal import OSCAL_VERSION
from trestle.oscal import common as oscal
from trestle.oscal.assessment_results import AssessmentResults, ImportAp, LocalDefinitions1, Result

from assessments.answers import SheetRow, answer_sheet
from assessments.models import Assessment, Condition, Evidence, EvidenceLevel
from scoring import Finding, canonical_json
from scoring.impact import ACCEPTED, CONDITIONED, finding_status

# The namespace of our own prop names (OSCAL defines none for a questionnaire). A URN, not a URL:
# nothing in the document points at this server.
NS = "urn:sbd-diligence:oscal"
_UUIDS = uuid.uuid5(uuid.NAMESPACE_URL, NS)
NOT_ANSWERED = "Not answered"
# What RFC 3986 lets stand in a URI as it is; anything else a link holds is percent-encoded.
_URI_SAFE = ":/?@!$&'()*+,;=-._~%"
_STRAY_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")

# How the observation behind an answer was made, by the evidence level set on it: a claim is what
# the vendor told us; documented and attested, what we read (the vendor's documentation, an
# independent auditor's report); verified, what our architect tested or observed.
METHODS = {
    EvidenceLevel.CLAIM: oscal.Methods.INTERVIEW,
    EvidenceLevel.DOCUMENTED: oscal.Methods.EXAMINE,
    EvidenceLevel.ATTESTED: oscal.Methods.EXAMINE,
    EvidenceLevel.VERIFIED: oscal.Methods.TEST,
}
# OSCAL's component types closest to how the offering is delivered.
COMPONENT_TYPES = {"saas": "service", "hybrid": "service", "on_prem": "software"}


def _uuid(*names: object) -> str:
    return str(uuid.uuid5(_UUIDS, "/".join(str(n) for n in names)))


def _line(text: object) -> str:
    """One line without surrounding space: all that OSCAL's titles and prop values accept."""
    return " ".join(str(text).split())


def _uri(url: str) -> str:
    """A link as a valid URI reference: the web address form accepts characters (spaces aside)
    that a URI may not hold as they are, such as < > " and non-ASCII letters."""
    head, mark, fragment = _STRAY_PERCENT.sub("%25", url).partition("#")
    return quote(head, safe=_URI_SAFE) + mark + quote(fragment, safe=_URI_SAFE)


def _props(*pairs: tuple[str, object]) -> list[oscal.Property] | None:
    props = [
        oscal.Property(name=name, ns=NS, value=_line(value))
        for name, value in pairs
        if value is not None and _line(value)
    ]
    return props or None


def _person(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else "someone since removed"


def _decision_remarks(assessment: Assessment, conditions: list[Condition]) -> str | None:
    if not assessment.is_decided:
        return None
    parts = [
        f"Decision: {assessment.get_status_display()}, by {_person(assessment.decided_by)} "
        f"on {assessment.decided_at:%Y-%m-%d}.",
        f"Rationale: {assessment.decision_rationale}",
    ]
    if assessment.departure_justification:
        parts.append(
            f"It departs from the recommendation ({assessment.decided_recommendation}, grade "
            f"{assessment.decided_grade}) because: {assessment.departure_justification}"
        )
    for c in conditions:
        due = f", due {c.due_date:%Y-%m-%d}" if c.due_date else ""
        done = f"; met on {c.done_at:%Y-%m-%d}: {c.done_note}" if c.done_at else ""
        parts.append(f"Condition: {c.text} (owner: {c.owner}{due}{done})")
    return "\n\n".join(parts)


def _metadata(assessment: Assessment, card: dict, conditions: list[Condition], modified):
    offering = assessment.offering
    decided = assessment.is_decided
    return oscal.Metadata(
        title=_line(
            f"{offering.vendor.name} {offering.name} — security due diligence, "
            f"revision {assessment.revision}"
        ),
        published=assessment.decided_at if decided else None,
        last_modified=modified,
        version=f"revision {assessment.revision}, {assessment.get_status_display().lower()}",
        oscal_version=OSCAL_VERSION,
        props=_props(
            ("status", assessment.status),
            ("decision", assessment.status if decided else None),
            ("decided-by", _person(assessment.decided_by) if decided else None),
            ("decided-at", assessment.decided_at.isoformat() if decided else None),
            ("grade", card["grade"]),
            ("recommendation", card["recommendation"]),
            ("claimed", card["claimed"]),
            ("evidenced", card["evidenced"]),
            ("scorecard-sha256", hashlib.sha256(canonical_json(card)).hexdigest()),
        ),
        remarks=_decision_remarks(assessment, conditions),
    )


def _questionnaire_resource(assessment: Assessment) -> oscal.Resource:
    q = assessment.questionnaire
    return oscal.Resource(
        uuid=_uuid("questionnaire", q.key, q.version),
        title=_line(f"{q.title} v{q.version}"),
        description="The questionnaire the vendor answered: this assessment's plan.",
        props=_props(("questionnaire-key", q.key), ("questionnaire-version", q.version)),
    )


def _component(assessment: Assessment) -> oscal.SystemComponent:
    offering = assessment.offering
    return oscal.SystemComponent(
        uuid=_uuid("offering", offering.pk),
        type=COMPONENT_TYPES.get(offering.deployment_model, "software"),
        title=_line(f"{offering.name} ({offering.vendor.name})"),
        description=offering.description or f"{offering.name}, offered by {offering.vendor.name}.",
        props=_props(
            ("vendor", offering.vendor.name), ("deployment-model", offering.deployment_model)
        ),
        # The vendor runs the offering, not us: its operational state is not ours to tell.
        status=oscal.Status(state="other", remarks="A vendor's offering, assessed for our use."),
    )


def _relevant_evidence(item: Evidence) -> oscal.RelevantEvidence:
    document = getattr(item, "document", None)
    name = item.original_name or item.url or "A file"
    return oscal.RelevantEvidence(
        # A link is the address someone gave us. A file's download address is never written: it
        # names our server, and the file is identified by its name and SHA-256 instead.
        href=_uri(item.url) if item.url else None,
        description=f"{name} ({document.label})" if document is not None else name,
        props=_props(("sha256", item.sha256), ("media-type", item.content_type)),
        remarks=item.note or None,
    )


def _answer_remarks(row: SheetRow) -> str | None:
    answer = row.answer
    if answer is None:
        return None
    parts = [
        f"{label}: {text}"
        for label, text in (
            ("The vendor wrote", answer.vendor_explanation),
            ("Our notes", answer.explanation),
            ("Score overridden because", answer.override_justification),
        )
        if text
    ]
    return "\n\n".join(parts) or None


def _observation(pk, row: SheetRow, trace: dict, subject, start) -> oscal.Observation:
    answer = row.answer
    level = answer.evidence_level if answer else None
    return oscal.Observation(
        uuid=_uuid(pk, "observation", row.key),
        title=_line(row.question.text),
        description=row.answer_label or NOT_ANSWERED,
        props=_props(
            ("question-key", row.key),
            ("domain", row.question.domain_key),
            ("evidence-level-set", level),
            ("evidence-level-counted", trace.get("evidence_level")),
            ("score", trace.get("raw_score")),
            ("override-score", answer.override_score if answer else None),
            ("evidence-valid-until", answer.evidence_valid_until if answer else None),
        ),
        methods=[METHODS[level] if row.answered and level else oscal.Methods.UNKNOWN],
        types=["control-objective"],
        subjects=[subject],
        relevant_evidence=[_relevant_evidence(e) for e in row.evidence] or None,
        collected=answer.updated_at if answer else start,
        remarks=_answer_remarks(row),
    )


def _finding(pk, finding: Finding, status: str, observation: str | None, risk: str | None):
    accepted = status == ACCEPTED
    remarks = {
        ACCEPTED: f"Risk accepted: {finding.acceptance_justification}",
        CONDITIONED: "Still open; a condition of the approval names it.",
    }.get(status)
    return oscal.Finding(
        uuid=_uuid(pk, "finding", finding.question),
        title=_line(finding.title) or _line(finding.question_text),
        description=finding.rationale or finding.title,
        props=_props(
            ("question-key", finding.question),
            ("severity", finding.severity),
            ("finding-status", status),
            ("cause", finding.cause),
        ),
        target=oscal.FindingTarget(
            type=oscal.FindingTargetTypeValidValues.objective_id,
            target_id=finding.question,
            title=_line(finding.question_text),
            # OSCAL's objective status is satisfied or not; accepting a risk does not meet the
            # objective, so it stays "not-satisfied", and the acceptance is the risk's status.
            status=oscal.ObjectiveStatus(
                state=oscal.ObjectiveStatusStateValidValues.not_satisfied,
                reason=oscal.Reason.fail,
                remarks=remarks,
            ),
        ),
        related_observations=[oscal.RelatedObservation(observation_uuid=observation)]
        if observation
        else None,
        related_risks=[oscal.AssociatedRisk(risk_uuid=risk)] if accepted and risk else None,
        remarks=remarks,
    )


def _accepted_risk(pk, finding: Finding, observation: str | None) -> oscal.Risk:
    # "deviation-approved" is OSCAL's status for a risk that stays but was approved as a deviation
    # (a risk adjustment, an operational requirement): what an accepted risk is.
    return oscal.Risk(
        uuid=_uuid(pk, "risk", finding.question),
        title=_line(finding.title) or _line(finding.question_text),
        description=finding.rationale or finding.title,
        statement=f"Accepted: {finding.acceptance_justification}",
        props=_props(("question-key", finding.question), ("severity", finding.severity)),
        status="deviation-approved",
        related_observations=[oscal.RelatedObservation(observation_uuid=observation)]
        if observation
        else None,
    )


def _findings(pk, scorecard, observations: dict[str, str], conditions: list[Condition]):
    conditioned = frozenset(key for c in conditions for key in c.finding_keys)
    findings, risks = [], []
    for f in scorecard.findings:
        status = finding_status(f, conditioned)
        observation = observations.get(f.question)
        risk = _accepted_risk(pk, f, observation) if status == ACCEPTED else None
        findings.append(_finding(pk, f, status, observation, risk and risk.uuid))
        if risk is not None:
            risks.append(risk)
    return findings or None, risks or None


def _reviewed_controls(assessment: Assessment) -> oscal.ReviewedControls:
    q = assessment.questionnaire
    return oscal.ReviewedControls(
        description=f"Every question of {q.title} v{q.version} that applies to the offering.",
        # Our questionnaire is no control catalog: its questions are the control objectives
        # (each finding's target names one by its key), and all that apply were put to the vendor.
        control_selections=[oscal.ControlSelectionsAll(include_all=oscal.IncludeAll())],
    )


def _last_modified(assessment: Assessment, rows: list[SheetRow], conditions: list[Condition]):
    moments = [assessment.updated_at, *(c.updated_at for c in conditions)]
    for row in rows:
        if row.answer is not None:
            moments.append(row.answer.updated_at)
        moments.extend(e.created_at for e in row.evidence)
    return max(moments)


def assessment_export_oscal(*, assessment: Assessment) -> bytes:
    """The assessment as OSCAL assessment-results JSON, wrapped as {"assessment-results": …}."""
    sheet = answer_sheet(assessment=assessment)
    card = sheet.scorecard.to_dict()
    traces = {t["key"]: t for t in card["trace"]}
    conditions = list(assessment.conditions.all())
    rows = [row for row in sheet.rows if not row.hidden]
    start = assessment.created_at
    component = _component(assessment)
    subject = oscal.SubjectReference(
        subject_uuid=component.uuid, type="component", title=component.title
    )
    pk = assessment.pk
    observations = [_observation(pk, r, traces.get(r.key, {}), subject, start) for r in rows]
    # A finding of a question the sheet hides (none today: scoring skips them) links to nothing.
    by_key = {r.key: o.uuid for r, o in zip(rows, observations, strict=True)}
    findings, risks = _findings(pk, sheet.scorecard, by_key, conditions)
    plan = _questionnaire_resource(assessment)
    document = AssessmentResults(
        uuid=_uuid(pk, "assessment-results"),
        metadata=_metadata(
            assessment, card, conditions, _last_modified(assessment, rows, conditions)
        ),
        # The href must resolve; OSCAL lets it be a fragment naming a back-matter resource. There
        # is no separate plan document (the questionnaire was the plan), so the plan is that
        # resource, named by the questionnaire's key and version, and nothing points outside.
        import_ap=ImportAp(href=f"#{plan.uuid}"),
        results=[
            Result(
                uuid=_uuid(pk, "result"),
                title=_line(f"Security due diligence of {component.title}"),
                description=f"The answers to {plan.title}, as they stand: "
                f"{assessment.get_status_display().lower()}.",
                start=start,
                # Evidence collection ends with the decision; until then the result is open.
                end=assessment.decided_at if assessment.is_decided else None,
                local_definitions=LocalDefinitions1(components=[component]),
                reviewed_controls=_reviewed_controls(assessment),
                observations=observations or None,
                findings=findings,
                risks=risks,
            )
        ],
        back_matter=oscal.BackMatter(resources=[plan]),
    )
    return document.oscal_serialize_json_bytes(pretty=True)
