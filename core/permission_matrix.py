"""Who may do what, as data: the roles-by-capabilities table that the README shows.

Every capability names the rule that decides it (from core.permissions), and the set of allowed
principals is computed by asking that rule about one stand-in user per column. The table therefore
cannot say something the rules do not do; tests/permissions checks that README.md shows exactly
`matrix_markdown()` and that every URL of the site behaves as the table says.
"""

import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser

from core import permissions
from core.roles import Role


@dataclass(frozen=True)
class Principal:
    key: str
    label: str


ANONYMOUS = Principal("anonymous", "Anonymous")
OUTSIDER = Principal("outsider", "Signed in, no role")
PRINCIPALS: tuple[Principal, ...] = (
    ANONYMOUS,
    OUTSIDER,
    *(Principal(role.value, role.value.capitalize()) for role in Role),
)


class _StandIn:
    """Just enough of a user for core.roles: signed in, active, roles already known."""

    is_authenticated = True
    is_anonymous = False
    is_active = True
    is_superuser = False

    def __init__(self, roles: frozenset[Role], *, is_staff: bool = False) -> None:
        self._role_cache = roles  # what core.roles.roles_of reads instead of a query
        self.is_staff = is_staff


def _stand_in(principal: Principal):
    if principal is ANONYMOUS:
        return AnonymousUser()
    if principal is OUTSIDER:
        return _StandIn(frozenset())
    role = Role(principal.key)
    # Admins are created as staff superusers (seed_demo, createsuperuser); the admin group alone
    # does not open Django's admin site.
    return _StandIn(frozenset({role}), is_staff=role is Role.ADMIN)


@dataclass(frozen=True)
class Capability:
    key: str
    description: str
    allowed: frozenset[str]  # keys of PRINCIPALS
    check: Callable[[object], bool] = field(repr=False, compare=False)


def _capability(key: str, description: str, check: Callable[[object], bool]) -> Capability:
    allowed = frozenset(p.key for p in PRINCIPALS if check(_stand_in(p)))
    return Capability(key=key, description=description, allowed=allowed, check=check)


def _signed_in(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


def _nobody(user) -> bool:
    # The vendor's pages take no Django login at all: a confirmed invitation link gives the
    # browser a vendor session (assessments/portal/access.py), which no column of the table holds.
    return False


def _staff(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_staff)


CAPABILITIES: tuple[Capability, ...] = (
    _capability(
        "dashboard", "Open the dashboard (without a role it says so and shows nothing)", _signed_in
    ),
    _capability(
        "read",
        "Read everything: vendors, assessments, evidence, reviews, history",
        permissions.can_read,
    ),
    _capability(
        "edit_catalogue",
        "Create and edit vendors, offerings and contacts",
        permissions.can_edit_catalogue,
    ),
    _capability("start_assessment", "Start an assessment", permissions.can_start_assessment),
    _capability(
        "answer", "Write answers (draft or changes requested only)", permissions.can_answer
    ),
    _capability(
        "attach_evidence",
        "Attach evidence and record its facts (requesters to a draft, reviewers in review)",
        permissions.can_attach_evidence,
    ),
    _capability("submit", "Submit an assessment for review", permissions.can_answer),
    _capability(
        "assess_inherent_risk",
        "Answer an offering's inherent-risk questions (its tier follows)",
        permissions.can_assess_inherent_risk,
    ),
    _capability("override_tier", "Override an offering's tier, saying why", permissions.can_review),
    _capability(
        "invite_vendor",
        "Invite a vendor contact; resend, revoke or end their access",
        permissions.can_invite_vendor,
    ),
    _capability("comment", "Comment on an answer", permissions.can_comment),
    _capability(
        "start_review", "Start the review of a submitted assessment", permissions.can_review
    ),
    _capability(
        "set_evidence_level",
        "Change an answer's evidence level, to attested or verified too",
        permissions.can_review,
    ),
    _capability(
        "confirm_document",
        "Confirm an evidence document's facts and why its scope still applies",
        permissions.can_review,
    ),
    _capability(
        "mark_reviewed",
        "Mark answers reviewed with their levels unchanged (one, or a whole domain)",
        permissions.can_review,
    ),
    _capability("override_score", "Override an answer's score", permissions.can_review),
    _capability("accept_risk", "Accept the risk of a finding", permissions.can_review),
    _capability("add_condition", "Add a condition", permissions.can_review),
    _capability(
        "complete_condition",
        "Mark a condition of approval done, with a note",
        permissions.can_review,
    ),
    _capability(
        "request_clarification",
        "Request changes (clarification) on chosen questions",
        permissions.can_review,
    ),
    _capability(
        "decide", "Decide: approve, approve with conditions or reject", permissions.can_review
    ),
    _capability(
        "withdraw_decision",
        "Withdraw a decision back to review (an architect only their own, within 24 hours)",
        permissions.can_review,
    ),
    _capability(
        "reassess", "Start a reassessment of a decided assessment", permissions.can_reassess
    ),
    _capability(
        "request_report",
        "Request (and retry) a PDF report, a comparison or a spreadsheet export",
        permissions.can_read,
    ),
    _capability(
        "second_factor",
        "Add or remove their own authenticator app (TOTP)",
        permissions.can_use_second_factor,
    ),
    _capability(
        "sign_in_code",
        "Enter the authenticator code after the password, if they have one",
        _signed_in,
    ),
    _capability(
        "manage_webhooks",
        "Register webhook endpoints, read their deliveries, redeliver",
        permissions.can_manage_webhooks,
    ),
    _capability("admin_site", "Use Django's admin site (needs the staff flag)", _staff),
    _capability(
        "vendor_pages", "Answer on /vendor/ pages (only an invitation link opens them)", _nobody
    ),
)

CAPABILITY_BY_KEY: dict[str, Capability] = {c.key: c for c in CAPABILITIES}

# Rules below the level of a whole action. The services enforce them, so no view can skip them.
FIELD_RULES: tuple[str, ...] = (
    "Procurement can never write score overrides, accepted risks, conditions or decisions, and "
    "can never set an answer's evidence level to attested or verified — neither through the "
    "review actions nor when saving an answer.",
    "Answers change only while the assessment is a draft or changes were requested; evidence is "
    "attached then by procurement, and while it is submitted or in review by a reviewer (what "
    "they verified themselves); review actions need an assessment in review; nothing in a decided "
    "assessment changes until a reassessment starts a new draft revision. Outside those "
    "states the API answers 409.",
    "A vendor contact's answers are always claims, and reach only the invited domains of the one "
    "assessment the link was for; anything else answers 404.",
    "A failed report is retried only by whoever requested it, or by an admin (anyone else: 403), "
    "at most REPORTS_RETRIES_PER_HOUR times an hour; nobody has more than REPORTS_QUEUED_PER_USER "
    "report jobs queued or being made at once. Past either limit the API answers 429.",
)

YES, NO = "yes", "—"


def _row(cells: list[str], widths: list[int]) -> str:
    return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"


def matrix_markdown() -> str:
    """The table and its field-level rules, as README.md shows them (a test compares the two)."""
    header = ["Capability", *(p.label for p in PRINCIPALS)]
    rows = [
        [c.description, *(YES if p.key in c.allowed else NO for p in PRINCIPALS)]
        for c in CAPABILITIES
    ]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    lines = [_row(header, widths), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    lines += [_row(r, widths) for r in rows]
    lines += ["", "Field-level rules:", ""]
    lines += [
        textwrap.fill(rule, width=100, initial_indent="- ", subsequent_indent="  ")
        for rule in FIELD_RULES
    ]
    return "\n".join(lines) + "\n"
