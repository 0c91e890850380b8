"""An assessment's life: started against a published questionnaire, submitted, and — once
decided — reassessed as a new revision that keeps the work.

Where things live:
- services.py   start and submit (the statuses each needs are in assessments/workflow.py)
- reassessment.py   a new revision of a decided assessment, on the newest questionnaire version,
                carrying answers and evidence by that version's mapping
- diff.py       what changed between two revisions
- forms.py, views.py   the start page, the scorecard page, submit, the history and the diff pages

Other packages import only what this module lists.
"""

from assessments.lifecycle.reassessment import assessment_reassess, reassessment_target
from assessments.lifecycle.services import (
    SubmissionIncomplete,
    assessment_create,
    assessment_submit,
)

__all__ = [
    "SubmissionIncomplete",
    "assessment_create",
    "assessment_reassess",
    "assessment_submit",
    "reassessment_target",
]
