"""show_if is decided in one Python place (scoring/visibility.py). Besides it, only the code that
reads, checks and converts questionnaire files may look at a rule's `any_of`; any other module
that does is deciding visibility a second time. (The form's script is the one other copy;
tests/e2e/test_show_if_js_matches_python.py holds it to this one.)"""

import ast
from pathlib import Path

from tests.support.import_graph import app_modules

ROOT = Path(__file__).resolve().parents[2]
DECIDES = "scoring.visibility"
READS_THE_FILE_FORMAT = {
    "scoring.nodes",
    "scoring.rubric",
    "scoring.index",
    "assessments.questionnaire.schema",
    "assessments.questionnaire.structure",
}


def _mentions_any_of(tree: ast.AST) -> list[int]:
    return [
        node.lineno
        for node in ast.walk(tree)
        if (isinstance(node, ast.Attribute) and node.attr == "any_of")
        or (isinstance(node, ast.Constant) and node.value == "any_of")
    ]


def test_only_the_file_format_and_the_rule_read_any_of():
    found = {
        name: lines
        for name, path in app_modules(ROOT).items()
        if name not in READS_THE_FILE_FORMAT | {DECIDES}
        and (lines := _mentions_any_of(ast.parse(path.read_text())))
    }
    assert found == {}
