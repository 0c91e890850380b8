"""The local semgrep rules (.semgrep.yml) really fire: each is run against a file that breaks it."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEMGREP = shutil.which("semgrep") or str(Path(sys.executable).parent / "semgrep")

CASES = {
    "no-mark-safe-on-user-data": (
        "bad.py",
        "from django.utils.safestring import mark_safe\ndef f(text):\n    return mark_safe(text)\n",
    ),
    "weasyprint-needs-our-fetcher": (
        "render.py",
        "from weasyprint import HTML\ndef f(html):\n    return HTML(string=html).write_pdf()\n",
    ),
    "no-safe-filter-in-templates": ("templates/page.html", "<p>{{ answer.text|safe }}</p>\n"),
}


@pytest.mark.parametrize("rule", sorted(CASES))
def test_each_rule_flags_a_file_that_breaks_it(tmp_path, rule):
    if not Path(SEMGREP).exists():
        pytest.fail("semgrep is not installed; `make test` installs it with the dev extra")
    name, text = CASES[rule]
    target = tmp_path / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text)
    run = subprocess.run(
        [
            SEMGREP,
            "--config",
            str(ROOT / ".semgrep.yml"),
            "--metrics=off",
            "--disable-version-check",
            "--error",
            "--quiet",
            "--json",
            ".",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 1, run.stderr
    assert rule in run.stdout


def test_the_code_base_passes_the_rules():
    run = subprocess.run(
        [
            SEMGREP,
            "--config",
            ".semgrep.yml",
            "--metrics=off",
            "--disable-version-check",
            "--error",
            "--quiet",
            "config",
            "core",
            "vendors",
            "assessments",
            "scoring",
            "reports",
            "templates",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr
