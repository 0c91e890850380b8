"""The events a webhook endpoint can subscribe to, with what each means in one line."""

EVENTS: dict[str, str] = {
    "assessment.submitted": "An assessment was submitted for review.",
    "assessment.decided": "An architect recorded a decision (approved, with conditions, or not).",
    "assessment.changes_requested": "An architect sent questions back for clarification.",
    "condition.due": "A condition of approval falls due within the next days (once per due date).",
    "condition.overdue": "A condition of approval passed its due date without being met.",
    "report.done": "A board report finished rendering and can be downloaded.",
    "invitation.completed": "A vendor finished answering through an invitation link.",
}
