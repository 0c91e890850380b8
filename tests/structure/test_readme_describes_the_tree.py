"""The README's "Architecture" section matches the tree: every package of the app and every
feature package inside `assessments/` is described there, and every path it names exists."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOT_DESCRIBED = {"management", "__pycache__"}  # Django's command folder; not a feature


def _section() -> str:
    text = (ROOT / "README.md").read_text()
    start = text.index("## Architecture")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else len(text)]


def test_every_package_and_feature_package_is_described():
    section = _section()
    top = [p.name for p in ROOT.iterdir() if (p / "__init__.py").exists() and p.name != "tests"]
    features = [
        p.name
        for p in (ROOT / "assessments").iterdir()
        if p.is_dir() and p.name not in NOT_DESCRIBED
    ]
    missing = [f"{name}/" for name in top if f"`{name}/`" not in section]
    missing += [f"assessments/{name}/" for name in features if f"`{name}/`" not in section]
    assert missing == []


def test_every_path_the_section_names_exists():
    section = _section()
    # Paths of the tree, not the site's URLs (those start with a slash).
    named = set(re.findall(r"`(\w[\w./-]*/[\w./-]*)`", section))
    wrong = []
    for path in named:
        candidates = [ROOT / path, ROOT / "assessments" / path, ROOT / "templates" / path]
        if not any(c.exists() for c in candidates):
            wrong.append(path)
    assert wrong == []
