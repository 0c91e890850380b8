"""Pure-Python scoring: a rubric and answers in, a scorecard out.

Nothing here imports Django or the project (tests/scoring/test_no_django_import.py guards
it), so the engine runs without a database and can be reused by a worker, a command or a script.
"""

from scoring.answers import AnswerInput
from scoring.canonical import canonical_json, inputs_sha256
from scoring.engine import score
from scoring.nodes import Domain, FindingSpec, Option, Question, ShowIf
from scoring.policy import Policy
from scoring.rubric import Rubric
from scoring.scorecard import (
    CapApplied,
    Coverage,
    DomainScore,
    EvidenceShare,
    Finding,
    QuestionTrace,
    Scorecard,
)
from scoring.visibility import hidden_questions
from scoring.vocabulary import (
    EVIDENCE_LEVELS,
    GRADES,
    RECOMMENDATIONS,
    SEVERITIES,
    RubricError,
)

__all__ = [
    "EVIDENCE_LEVELS",
    "GRADES",
    "RECOMMENDATIONS",
    "SEVERITIES",
    "AnswerInput",
    "CapApplied",
    "Coverage",
    "Domain",
    "DomainScore",
    "EvidenceShare",
    "Finding",
    "FindingSpec",
    "Option",
    "Policy",
    "Question",
    "QuestionTrace",
    "Rubric",
    "RubricError",
    "Scorecard",
    "ShowIf",
    "canonical_json",
    "hidden_questions",
    "inputs_sha256",
    "score",
]
