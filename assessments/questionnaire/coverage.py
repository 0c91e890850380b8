"""Which external criteria a questionnaire version touches, and which not: the coverage page of
each reference scheme, built from the version's own file (reference_schemes and each question's
references)."""

import re
from dataclasses import dataclass

from assessments.questionnaire.structure import Structure

# An id's group: "PW.4" for the SSDF task "PW.4.1", "A.8" for ISO's "A.8.24", "IAM" for CCM's
# "IAM-07"; ids without a separator (the CISA goals) stand alone.
_GROUP = re.compile(r"^(.+)[.-][^.-]+$")


@dataclass(frozen=True)
class CoveredItem:
    id: str
    questions: tuple  # (key, text) of the questions that cite it, in questionnaire order

    @property
    def covered(self) -> bool:
        return bool(self.questions)


@dataclass(frozen=True)
class SchemeCoverage:
    key: str
    label: str
    title: str
    groups: tuple  # (group name, tuple[CoveredItem, ...]), in the file's order

    @property
    def items(self) -> list[CoveredItem]:
        return [item for _, items in self.groups for item in items]

    @property
    def covered(self) -> int:
        return sum(1 for item in self.items if item.covered)


def questionnaire_coverage(*, schemes: list[dict], structure: Structure) -> list[SchemeCoverage]:
    citing: dict[tuple[str, str], list] = {}
    for question in structure.questions:
        for reference in question.references:
            citing.setdefault(reference, []).append((question.key, question.text))
    coverage = []
    for scheme in schemes:
        groups: dict[str, list[CoveredItem]] = {}
        for ident in scheme["items"]:
            match = _GROUP.match(ident)
            groups.setdefault(match[1] if match else "", []).append(
                CoveredItem(ident, tuple(citing.get((scheme["key"], ident), ())))
            )
        coverage.append(
            SchemeCoverage(
                scheme["key"],
                scheme["label"],
                scheme["title"],
                tuple((name, tuple(items)) for name, items in groups.items()),
            )
        )
    return coverage
