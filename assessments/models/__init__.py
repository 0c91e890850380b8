from assessments.models.assessment import Answer, Assessment, Evidence, EvidenceLevel
from assessments.models.questionnaire import (
    Domain,
    Option,
    Question,
    QuestionnaireVersion,
    Severity,
)

__all__ = [
    "Answer",
    "Assessment",
    "Domain",
    "Evidence",
    "EvidenceLevel",
    "Option",
    "Question",
    "QuestionnaireVersion",
    "Severity",
]
