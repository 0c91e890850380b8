"""README.md shows exactly the roles-by-capabilities table the code generates, and the generated
table answers for real users exactly as it answers for its stand-ins."""

from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser

from core.permission_matrix import CAPABILITIES, PRINCIPALS, matrix_markdown

README = Path(__file__).resolve().parents[2] / "README.md"
SECTION = "## Roles and permissions"
REGENERATE = (
    "README.md's permission table differs from core.permission_matrix.matrix_markdown(); paste "
    "its output into the section {section!r}"
)


def _section() -> str:
    text = README.read_text(encoding="utf-8")
    assert SECTION in text, f"README.md has no {SECTION!r} section"
    start = text.index(SECTION)
    end = text.find("\n## ", start + len(SECTION))
    return text[start:] if end == -1 else text[start:end]


def _table(markdown: str) -> list[str]:
    return [line for line in markdown.splitlines() if line.startswith("|")]


def test_the_readme_table_is_the_generated_one():
    section = _section()
    generated = matrix_markdown()
    assert _table(section) == _table(generated), REGENERATE.format(section=SECTION)
    assert generated in section, REGENERATE.format(section=SECTION)


@pytest.mark.django_db
@pytest.mark.parametrize("principal", [p.key for p in PRINCIPALS])
def test_the_table_answers_for_real_users_as_for_its_stand_ins(request, principal):
    user = (
        AnonymousUser()
        if principal == "anonymous"
        else request.getfixturevalue(f"{principal}_user")
    )
    for capability in CAPABILITIES:
        assert capability.check(user) == (principal in capability.allowed), capability.key
