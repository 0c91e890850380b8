"""Small questionnaire documents for tests, and the path of the real one."""

import copy
from pathlib import Path

import yaml

REAL_QUESTIONNAIRE = (
    Path(__file__).resolve().parents[2] / "assessments" / "questionnaires" / "sbd-v1.yaml"
)
REAL_QUESTIONNAIRE_V2 = REAL_QUESTIONNAIRE.with_name("sbd-v2.yaml")
REAL_QUESTIONNAIRE_V3 = REAL_QUESTIONNAIRE.with_name("sbd-v3.yaml")

POLICY = {
    "evidence_factors": {"claim": 0.4, "documented": 0.7, "attested": 0.9, "verified": 1.0},
    "grade_bands": {"A": 85, "B": 70, "C": 55, "D": 40, "E": 0},
    "grade_caps": {"critical": "E", "high": "C"},
    "recommendations": {
        "A": "recommended",
        "B": "recommended",
        "C": "acceptable_with_conditions",
        "D": "high_risk",
        "E": "not_recommended",
    },
}


def _options(flag_severity: str | None = None) -> list[dict]:
    worst = {"key": "bad", "label": "Bad", "score": 0}
    if flag_severity:
        worst["finding"] = {
            "severity": flag_severity,
            "title": "Bad design",
            "rationale": "It is bad for a reason.",
        }
    return [
        {"key": "good", "label": "Good", "score": 100},
        {"key": "meh", "label": "Meh", "score": 50},
        worst,
        {"key": "unknown", "label": "Unknown", "score": 0, "unknown": True},
    ]


def small_document(version: int = 1) -> dict:
    return copy.deepcopy(
        {
            "key": "mini",
            "version": version,
            "title": "Mini questionnaire",
            "scoring": POLICY,
            "domains": [
                {
                    "key": "alpha",
                    "title": "Alpha",
                    "weight": 1.0,
                    "questions": [
                        {
                            "key": "alpha.one",
                            "text": "First?",
                            "help": "Help.",
                            "weight": 2,
                            "options": _options("critical"),
                        },
                        {
                            "key": "alpha.follow",
                            "text": "Follow-up?",
                            "required": False,
                            "show_if": {"question": "alpha.one", "any_of": ["bad"]},
                            "options": _options(),
                        },
                    ],
                },
                {
                    "key": "beta",
                    "title": "Beta",
                    "weight": 1.5,
                    "questions": [
                        {
                            "key": "beta.one",
                            "text": "Second?",
                            "allows_na": True,
                            "options": _options("high"),
                        },
                    ],
                },
            ],
        }
    )


def write_document(tmp_path: Path, document: dict, name: str = "mini.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(document, sort_keys=False))
    return path


def synthetic_document(questions: int, *, key: str = "synthetic", version: int = 1) -> dict:
    """A valid questionnaire of any size: nine domains, four options each, some red flags and
    follow-ups — for query-count tests and benchmarks."""
    domains = []
    per_domain = max(1, questions // 9)
    made = 0
    for d in range(9):
        count = per_domain if d < 8 else questions - made
        items = []
        for i in range(count):
            q_key = f"d{d}.q{i}"
            question = {
                "key": q_key,
                "text": f"Question {d}.{i}?",
                "help": "Plain help text.",
                "weight": 1 + (i % 3),
                "allows_na": i % 7 == 3,
                "options": _options("high" if i % 5 == 0 else None),
            }
            if i % 6 == 5:
                question["required"] = False
                question["show_if"] = {"question": f"d{d}.q{i - 1}", "any_of": ["bad", "meh"]}
            items.append(question)
        made += count
        domains.append({"key": f"d{d}", "title": f"Domain {d}", "weight": 1.0, "questions": items})
    return {
        "key": key,
        "version": version,
        "title": f"Synthetic {questions}",
        "scoring": POLICY,
        "domains": domains,
    }
