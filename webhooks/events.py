"""The events a webhook endpoint can subscribe to, with what each means in one line. (The
conditions' due and overdue events come with the daily job that will send them.)"""

EVENTS: dict[str, str] = {
    "assessment.submitted": "An assessment was submitted for review.",
    "assessment.decided": "An architect recorded a decision (approved, with conditions, or not).",
    "assessment.changes_requested": "An architect sent questions back for clarification.",
    "report.done": "A board report finished rendering and can be downloaded.",
    "invitation.completed": "A vendor finished answering through an invitation link.",
}
