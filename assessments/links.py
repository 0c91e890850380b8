"""Links to an assessment for lists of many rows: one reverse() per process, not one per row.

Fifty reverse() calls cost as much as a query (bench/bench_assessment_list.py,
bench/bench_dashboard.py); the URL of one assessment differs from another's only by its id.
"""

import functools

from django.urls import reverse

_ZERO = "00000000-0000-0000-0000-000000000000"


@functools.cache
def _detail_template() -> str:
    return reverse("assessments:detail", args=[_ZERO])


def assessment_url(pk) -> str:
    """The assessment's page, as `reverse("assessments:detail", args=[pk])` gives it."""
    return _detail_template().replace(_ZERO, str(pk))
