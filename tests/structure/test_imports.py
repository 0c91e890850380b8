"""Who may import whom (README, "Architecture"), read from the source of the application code:
no import cycles; `core` imports nothing from the feature apps; `vendors` never imports
`assessments` or `reports`; the feature packages inside `assessments` reach each other only
through their public interfaces; nobody imports another module's private names."""

import ast
from pathlib import Path

from tests.support.import_graph import app_modules, cycles, import_graph, imported_names

ROOT = Path(__file__).resolve().parents[2]
FEATURES = (
    "answers",
    "evidence",
    "review",
    "invitations",
    "portal",
    "lifecycle",
    "home",
    "portfolio",
    "conditions",
)
# URL confs and Celery wire views and tasks in by module; that is all they may reach inside for.
WIRING = ("views", "urls", "tasks")


def _imports():
    """(importing module, imported module, imported name or None, line) for the app code."""
    modules = app_modules(ROOT)
    for name, path in modules.items():
        tree = ast.parse(path.read_text(), filename=str(path))
        for target, imported, line in imported_names(tree, name, path.name == "__init__.py"):
            if imported and f"{target}.{imported}" in modules:
                target, imported = f"{target}.{imported}", None
            yield name, target, imported, line


def test_no_import_cycle_between_application_modules():
    assert cycles(import_graph(ROOT)) == []


def test_core_imports_nothing_from_the_feature_apps():
    found = [
        f"{module}:{line} imports {target}"
        for module, target, _, line in _imports()
        if module.split(".")[0] == "core"
        and target.split(".")[0] in ("assessments", "vendors", "reports")
    ]
    assert found == []


def test_the_vendor_catalogue_imports_no_assessment_or_report():
    found = [
        f"{module}:{line} imports {target}"
        for module, target, _, line in _imports()
        if module.split(".")[0] == "vendors" and target.split(".")[0] in ("assessments", "reports")
    ]
    assert found == []


def _feature(module: str) -> str | None:
    parts = module.split(".")
    return (
        parts[1] if parts[0] == "assessments" and len(parts) > 1 and parts[1] in FEATURES else None
    )


def test_features_reach_each_other_only_through_their_public_interface():
    found = []
    for module, target, _, line in _imports():
        feature = _feature(target)
        if feature is None or _feature(module) == feature:
            continue
        inside = target.split(".")[2:]
        if inside and not (inside[0] in WIRING and module.endswith(("urls", "celery"))):
            found.append(f"{module}:{line} reaches into {target}")
    assert found == []


def test_the_public_interfaces_list_only_public_names():
    for feature in FEATURES:
        package = ROOT / "assessments" / feature / "__init__.py"
        tree = ast.parse(package.read_text())
        exported = next(
            (
                n.value
                for n in tree.body
                if isinstance(n, ast.Assign) and n.targets[0].id == "__all__"
            ),
            None,
        )
        names = [e.value for e in exported.elts] if exported is not None else []
        assert all(not name.startswith("_") for name in names), feature


def test_no_module_imports_another_modules_private_names():
    found = [
        f"{module}:{line} imports {target}.{name}"
        for module, target, name, line in _imports()
        if name and name.startswith("_") and target != module
    ]
    assert found == []
