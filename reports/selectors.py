from django.http import Http404

from assessments.selectors import assessments_visible_to
from reports.models import Report


def report_get_for_user(*, user, pk) -> Report:
    """A report is visible to whoever may read every assessment it is about; 404 otherwise."""
    try:
        report = Report.objects.get(pk=pk)
    except (Report.DoesNotExist, ValueError, TypeError):
        raise Http404("No such report.") from None
    visible = assessments_visible_to(user).filter(pk__in=report.subject_ids).count()
    if visible != len(report.subject_ids):
        raise Http404("No such report.")
    return report
