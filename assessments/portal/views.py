"""The vendor's side of an invitation: the link, the scoped form, its JSON endpoints, "done".

No Django login here: the vendor is whoever confirmed an invitation link in this browser
(access.py). No page sends a Referer to another server (the link's page sends none at all, so
its token travels nowhere; vendor_page), and none is cached.
"""

from functools import wraps

from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_http_methods, require_safe

from assessments.api.serializers import AnswerWriteSerializer, EvidenceCreateSerializer
from assessments.evidence import TOO_LARGE
from assessments.invitations import (
    InvitationUnusable,
    TooManyAttempts,
    invitation_accept,
    invitation_preview,
)
from assessments.portal.access import (
    NO_SUCH_QUESTION,
    vendor_assessment_check,
    vendor_session_for,
    vendor_session_start,
)
from assessments.portal.context import (
    vendor_answer_payload,
    vendor_done_confirm_context,
    vendor_evidence_payload,
    vendor_form_context,
    vendor_invitation_summary,
)
from assessments.portal.services import (
    UnansweredRemain,
    vendor_answer_save,
    vendor_evidence_add,
    vendor_mark_done,
)
from core.api_parsers import json_loads_bounded
from core.client_ip import client_ip
from core.errors import ServiceError

ACCESS_ENDED = (
    "Your access has ended: the link's time ran out or the person who invited you ended it. Ask "
    "them for a new link."
)
NOT_JSON = "Send the answer as a JSON object."
# The vendor's pages without a token in their URL (vendor_page says why).
TOKENLESS_PAGE = "same-origin"
# One status for every bad link, so a response never tells which kind of bad it was.
UNUSABLE_STATUS = 404


def vendor_page(view=None, *, referrer_policy: str = "no-referrer"):
    """No caching and no Referer to anyone else, for every response of a vendor view.

    The invitation link's page holds the token in its URL: `no-referrer`, so not even our own
    server's requests carry it. The pages behind it hold no token and take `same-origin`: the
    browser still sends no Referer to another site, and a plain form POST carries the page's real
    Origin (under `no-referrer` it says `Origin: null`, which the CSRF check refuses), so "Mark my
    part as done" and its confirmation work without a script."""
    if view is None:
        return lambda inner: vendor_page(inner, referrer_policy=referrer_policy)

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            response = view(request, *args, **kwargs)
        except Http404:
            # Rendered here, in the vendor's frame and with these headers, not by the site.
            response = render(request, "vendor/not_found.html", status=404)
        response["Referrer-Policy"] = referrer_policy
        response["X-Robots-Tag"] = "noindex, nofollow"
        add_never_cache_headers(response)
        return response

    return wrapped


def vendor_required(*, json_api: bool):
    """Resolves request.vendor_session (vendor_session_for) and the <pk> of the invitation's
    assessment; refuses a request without a live session, and 404s any other assessment."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, pk, *args, **kwargs):
            session = vendor_session_for(request)
            if session is None:
                if json_api:
                    return JsonResponse({"detail": ACCESS_ENDED}, status=403)
                return render(request, "vendor/ended.html", {"message": ACCESS_ENDED}, status=403)
            try:
                vendor_assessment_check(session, pk)
            except Http404:
                if json_api:
                    return JsonResponse({"detail": "No such assessment."}, status=404)
                raise
            request.vendor_session = session
            return view(request, pk, *args, **kwargs)

        return wrapped

    return decorator


def vendor_json(view):
    """The portal's JSON endpoints: a refused change answers exactly as the API's would
    (core.errors), a conflict carrying the vendor's own view of the answer; any 404 is one
    sentence that tells an uninvited question from a missing one by nothing."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except Http404:
            return JsonResponse({"detail": NO_SUCH_QUESTION}, status=404)
        except ServiceError as exc:
            return JsonResponse(exc.body(vendor_answer_payload), status=exc.http_status)

    return wrapped


@vendor_page
@require_http_methods(["GET", "POST"])
def invitation_link(request, token):
    """GET shows what confirming does and uses nothing up (mail scanners prefetch links); POST
    exchanges the link for a vendor session and redirects to a URL without the token."""
    ip = client_ip(request)
    try:
        if request.method == "POST":
            session = invitation_accept(token=token, ip=ip)
            vendor_session_start(request, session)
            return redirect("vendor:form", pk=session.invitation.assessment_id)
        invitation = invitation_preview(token=token, ip=ip)
    except TooManyAttempts as exc:
        return render(request, "vendor/refused.html", {"message": exc.message}, status=429)
    except InvitationUnusable as exc:
        return render(
            request, "vendor/refused.html", {"message": exc.message}, status=UNUSABLE_STATUS
        )
    return render(request, "vendor/confirm.html", vendor_invitation_summary(invitation))


@vendor_page(referrer_policy=TOKENLESS_PAGE)
@require_safe
@vendor_required(json_api=False)
def vendor_form(request, pk):
    return render(request, "vendor/form.html", vendor_form_context(request.vendor_session))


@vendor_page
@require_http_methods(["PUT"])
@vendor_required(json_api=True)
@vendor_json
def vendor_answer(request, pk, question_key):
    """PUT one answer, as the internal API takes it (evidence_level is ignored: always a claim)."""
    try:
        data = json_loads_bounded(request.body or b"{}")
    except ValueError:
        data = None
    if not isinstance(data, dict):
        return JsonResponse({"detail": NOT_JSON}, status=400)
    payload = AnswerWriteSerializer(data=data)
    if not payload.is_valid():
        return JsonResponse(payload.errors, status=400)
    data = payload.validated_data
    answer = vendor_answer_save(
        session=request.vendor_session,
        question_key=question_key,
        option_key=data["option"],
        na=data["na"],
        explanation=data["text"],
        expected_version=data["version"],
    )
    created = answer.version == 1 and data["version"] is None
    return JsonResponse(vendor_answer_payload(answer), status=201 if created else 200)


@vendor_page
@require_http_methods(["POST"])
@vendor_required(json_api=True)
@vendor_json
def vendor_evidence(request, pk):
    """POST a file or a link (multipart), with the internal API's limits and type checks."""
    fields = {
        key: request.POST.get(key) for key in ("question_key", "url", "note") if key in request.POST
    }
    if getattr(request, "upload_too_large", False):  # set by core.uploads while parsing
        return JsonResponse({"file": [TOO_LARGE]}, status=413)
    if "file" in request.FILES:
        fields["file"] = request.FILES["file"]
    payload = EvidenceCreateSerializer(data=fields)
    if not payload.is_valid():
        return JsonResponse(payload.errors, status=400)
    data = payload.validated_data
    evidence = vendor_evidence_add(
        session=request.vendor_session,
        question_key=data["question_key"],
        upload=data.get("file"),
        url=data["url"],
        note=data["note"],
    )
    return JsonResponse(vendor_evidence_payload(evidence, data["question_key"]), status=201)


@vendor_page(referrer_policy=TOKENLESS_PAGE)
@require_http_methods(["POST"])
@vendor_required(json_api=False)
def vendor_done(request, pk):
    """ "Mark my part as done". With questions still unanswered, a page lists them and asks to
    confirm; confirming is a second POST with confirm=1, so it needs no script."""
    session = request.vendor_session
    try:
        vendor_mark_done(session=session, confirmed=request.POST.get("confirm") == "1")
    except UnansweredRemain as exc:
        context = vendor_done_confirm_context(session, exc)
        return render(request, "vendor/done_confirm.html", context)
    return redirect("vendor:form", pk=pk)
