"""Pure-Python scoring: a rubric and answers in, a scorecard out.

Nothing here imports Django or the project (tests/scoring/test_no_django_import.py guards
it), so the engine runs without a database and can be reused by a worker, a command or a script.
"""

from scoring.answers import AnswerInput
from scoring.attestation import KINDS as DOCUMENT_KINDS
from scoring.attestation import (
    DocumentFacts,
    ScopeCheck,
    ScopeFlag,
    backed_level,
    counts_until,
    scope_check,
)
from scoring.canonical import canonical_json, inputs_sha256
from scoring.engine import score
from scoring.impact import (
    SEVERITY_WEIGHT,
    CellFinding,
    ComparedCell,
    ImpactCell,
    ImpactMatrix,
    compare_matrices,
    impact_matrix,
)
from scoring.nodes import Domain, FindingSpec, Impact, Option, Question, ShowIf
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
    HORIZONS,
    QUALITIES,
    RECOMMENDATIONS,
    SEVERITIES,
    RubricError,
)

__all__ = [
    "DOCUMENT_KINDS",
    "EVIDENCE_LEVELS",
    "GRADES",
    "HORIZONS",
    "QUALITIES",
    "RECOMMENDATIONS",
    "SEVERITIES",
    "SEVERITY_WEIGHT",
    "AnswerInput",
    "CapApplied",
    "CellFinding",
    "ComparedCell",
    "Coverage",
    "DocumentFacts",
    "Domain",
    "DomainScore",
    "EvidenceShare",
    "Finding",
    "FindingSpec",
    "Impact",
    "ImpactCell",
    "ImpactMatrix",
    "Option",
    "Policy",
    "Question",
    "QuestionTrace",
    "Rubric",
    "RubricError",
    "ScopeCheck",
    "ScopeFlag",
    "Scorecard",
    "ShowIf",
    "backed_level",
    "canonical_json",
    "compare_matrices",
    "counts_until",
    "hidden_questions",
    "impact_matrix",
    "inputs_sha256",
    "scope_check",
    "score",
]
