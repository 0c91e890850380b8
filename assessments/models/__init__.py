from assessments.models.assessment import Answer, Assessment, Evidence, EvidenceLevel
from assessments.models.audit import AuditAction, AuditEvent
from assessments.models.documents import EvidenceDocument
from assessments.models.invitation import Invitation, ReminderLog, VendorSession
from assessments.models.questionnaire import (
    Domain,
    Option,
    Question,
    QuestionnaireVersion,
    Severity,
)
from assessments.models.review import Comment, Condition, RowChange
from assessments.models.snapshot import ScorecardSnapshot
from assessments.models.summary import AssessmentSummary, ReviewVisit

__all__ = [
    "Answer",
    "Assessment",
    "AssessmentSummary",
    "AuditAction",
    "AuditEvent",
    "Comment",
    "Condition",
    "Domain",
    "Evidence",
    "EvidenceDocument",
    "EvidenceLevel",
    "Invitation",
    "Option",
    "Question",
    "QuestionnaireVersion",
    "ReminderLog",
    "ReviewVisit",
    "RowChange",
    "ScorecardSnapshot",
    "Severity",
    "VendorSession",
]
