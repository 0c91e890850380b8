"""scoring/ must stay plain Python: no Django, no project app, so it runs and tests without them."""

import ast
import subprocess
import sys
from pathlib import Path

SCORING = Path(__file__).resolve().parents[2] / "scoring"
FORBIDDEN = {"django", "rest_framework", "celery", "assessments", "vendors", "reports", "config"}


def _imported_roots(tree: ast.AST) -> set[str]:
    roots: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
        elif (
            isinstance(node, ast.Call)
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
            and (
                (isinstance(node.func, ast.Name) and node.func.id == "__import__")
                or (isinstance(node.func, ast.Attribute) and node.func.attr == "import_module")
            )
        ):
            roots.add(node.args[0].value.split(".")[0])
    return roots


def test_scoring_package_has_python_files_to_check():
    assert len(list(SCORING.rglob("*.py"))) >= 5


def test_no_scoring_module_imports_django_or_the_project():
    offenders = []
    for path in sorted(SCORING.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for root in sorted(_imported_roots(tree) & FORBIDDEN):
            offenders.append(f"{path.relative_to(SCORING.parent)} imports {root}")
    assert offenders == []


def test_importing_scoring_loads_no_django_or_project_module():
    code = (
        "import sys, scoring\n"
        f"bad = sorted(m for m in sys.modules if m.split('.')[0] in {sorted(FORBIDDEN)!r})\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=SCORING.parent,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == ""
