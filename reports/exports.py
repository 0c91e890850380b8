"""Spreadsheet exports as report jobs: what a worker writes for one (reports/rendering.py calls
`export_content`), and what its status page says. The files themselves come from interchange/ (one
assessment's answers) and assessments/portfolio/ (the assessments list), the same writers as the
downloads made while the browser waits."""

from django.contrib.auth.models import AbstractBaseUser

from assessments.models import Assessment
from assessments.portfolio import portfolio_export_file
from assessments.selectors import assessments_visible_to
from interchange.export import assessment_export_csv, assessment_export_xlsx
from reports.models import ANSWER_EXPORTS, PORTFOLIO_EXPORTS, Report

NO_LONGER_VISIBLE = (
    "The person who asked for this export can no longer see {missing} of its assessments, so it "
    "was not made."
)
# {whose} is "Your" or "This", {amount} e.g. "1,240 answers"; the job's reason follows on the page.
EXPORT_FAILED = (
    "{whose} export of {amount} could not be made. If trying again does not help, tell an "
    "administrator the reason shown below."
)
# Each export kind's file format ("xlsx", "csv"), as the writers take it.
_FORMAT = {k: f for exports in (ANSWER_EXPORTS, PORTFOLIO_EXPORTS) for f, k in exports.items()}


class ExportRefused(Exception):
    """The export must not be made; the message says why, to whoever opens its status page."""


def _access_check(report: Report) -> None:
    """The worker writes only what its requester may still read: access can be taken away
    between the request and the moment a worker takes the job up."""
    requester = report.requested_by
    visible = (
        assessments_visible_to(requester) if requester is not None else Assessment.objects.none()
    )
    seen = visible.filter(pk__in=report.subject_ids).count()
    missing = len(report.subject_ids) - seen
    if missing:
        raise ExportRefused(NO_LONGER_VISIBLE.format(missing=f"{missing:,}"))


def export_content(report: Report) -> bytes:
    """The file of an export job. ExportRefused when its requester may no longer read it."""
    _access_check(report)
    file_format = _FORMAT[report.kind]
    if report.kind in ANSWER_EXPORTS.values():
        assessment = Assessment.objects.select_related("offering__vendor", "questionnaire").get(
            pk=report.subject_ids[0]
        )
        write = assessment_export_xlsx if file_format == "xlsx" else assessment_export_csv
        return write(assessment=assessment)
    return portfolio_export_file(
        assessment_ids=report.subject_ids,
        file_format=file_format,
        base_url=report.parameters.get("base_url", ""),
    )


def _amount(report: Report) -> str:
    rows = report.parameters.get("rows", len(report.subject_ids))
    noun = "answer" if report.kind in ANSWER_EXPORTS.values() else "assessment"
    return f"{rows:,} {noun}{'' if rows == 1 else 's'}"


def export_words(report: Report, *, viewer: AbstractBaseUser) -> dict[str, str]:
    """The status page's sentence for each state of an export job ("waiting", "done",
    "failed"); the page shows the one for the job's current state and switches as it changes."""
    whose = "Your" if report.requested_by_id == viewer.pk else "This"
    amount = _amount(report)
    return {
        "waiting": f"{whose} export of {amount} is being prepared…",
        "done": f"{whose} export of {amount} is ready.",
        "failed": EXPORT_FAILED.format(whose=whose, amount=amount),
    }
