"""Who the vendor on the other end of a request is, and what they may reach.

A vendor contact is not a Django user: the browser's Django session holds only the id of a
VendorSession, obtained by confirming an invitation link. `vendor_session_for` is the one
access-checked way to turn a request into that session; the getters below scope everything the
vendor reaches to the invitation's assessment and domains, and answer 404 for anything else.
"""

import uuid
from datetime import timedelta

from django.http import Http404
from django.middleware.csrf import rotate_token
from django.utils import timezone

from assessments.models import Assessment, VendorSession
from assessments.questionnaire.structure import QuestionNode, Structure

SESSION_KEY = "vendor_session_id"
# last_seen_at is for procurement's list; writing it on every autosave would be a wasted UPDATE.
LAST_SEEN_EVERY = timedelta(minutes=1)
NO_SUCH_QUESTION = "No such question."


def _live_sessions():
    now = timezone.now()
    return VendorSession.objects.filter(
        revoked_at__isnull=True, expires_at__gt=now, invitation__revoked_at__isnull=True
    )


def vendor_session_for(request) -> VendorSession | None:
    """The request's live vendor session, or None: absent, expired, ended by procurement, or its
    invitation revoked. Loaded with its invitation, contact and assessment in one query."""
    if hasattr(request, "_vendor_session"):
        return request._vendor_session
    found = None
    raw = request.session.get(SESSION_KEY)
    if raw:
        try:
            key = uuid.UUID(str(raw))
        except ValueError:
            key = None
        if key is not None:
            found = (
                _live_sessions()
                .select_related(
                    "invitation__contact",
                    "invitation__assessment__offering__vendor",
                    "invitation__assessment__questionnaire",
                )
                .filter(pk=key)
                .first()
            )
        if found is None:
            request.session.pop(SESSION_KEY, None)
    if found is not None:
        now = timezone.now()
        if found.last_seen_at is None or now - found.last_seen_at >= LAST_SEEN_EVERY:
            VendorSession.objects.filter(pk=found.pk).update(last_seen_at=now)
            found.last_seen_at = now
    request._vendor_session = found
    return found


def vendor_session_start(request, session: VendorSession) -> None:
    """Bind the browser to `session`. A fresh session key and CSRF token, as at a sign-in, so
    nothing planted in the browser before the exchange carries over to the vendor's access."""
    request.session.cycle_key()
    rotate_token(request)
    request.session[SESSION_KEY] = str(session.pk)
    # The Django session lasts as long as the vendor's access, not the internal default.
    request.session.set_expiry(session.expires_at)
    request._vendor_session = session


def vendor_assessment_check(session: VendorSession, pk) -> Assessment:
    """The invitation's assessment when `pk` names it; 404 for every other id."""
    assessment = session.invitation.assessment
    if str(pk) != str(assessment.pk):
        raise Http404("No such assessment.")
    return assessment


def vendor_session_ensure_live(session: VendorSession) -> None:
    """Checked again by every vendor write: procurement may have ended the session meanwhile."""
    if not _live_sessions().filter(pk=session.pk).exists():
        raise Http404("No such assessment.")


def vendor_assessment_for_write(session: VendorSession) -> Assessment:
    """The invitation's assessment, row-locked (call inside the service's transaction), after
    checking once more that the session is still live."""
    vendor_session_ensure_live(session)
    return (
        Assessment.objects.only("id", "status", "offering_id", "questionnaire_id", "requester_id")
        .select_for_update(of=("self",))
        .get(pk=session.invitation.assessment_id)
    )


def vendor_question_get(session: VendorSession, structure: Structure, key: str) -> QuestionNode:
    """A question of an invited domain; 404 for any other key, so the vendor cannot tell an
    uninvited question from one that does not exist."""
    question = structure.question(key)
    if question is None or question.domain_key not in session.invitation.domain_keys:
        raise Http404(NO_SUCH_QUESTION)
    return question
