"""A refused change reads the same on every path: the API's exception handler and the vendor
portal's JSON endpoints both answer with the error's own status and body (core/errors.py), and no
API view or portal endpoint maps service errors by hand."""

import ast
import json
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError as DjangoValidationError
from django.test import RequestFactory

from assessments.answers.batch import BatchRefused
from assessments.lifecycle.services import SubmissionIncomplete
from assessments.portal.views import vendor_json
from core.api_errors import api_exception_handler
from core.errors import ConflictError, NotAllowed, ServiceError

ROOT = Path(__file__).resolve().parents[2]


class _Current:
    """Stands for the server's copy of an answer."""

    version = 7


def _present(current) -> dict:
    return {"version": current.version}


class _ApiView:
    present_conflict = staticmethod(_present)


ERRORS = [
    pytest.param(ServiceError("Not saved.", field_errors={"option": ["Bad option."]}), id="field"),
    pytest.param(ServiceError("Not saved."), id="sentence"),
    pytest.param(NotAllowed("Only an architect can do this."), id="role"),
    pytest.param(ConflictError("Someone else saved this.", current=_Current()), id="stale"),
    pytest.param(ConflictError("The assessment is decided.", current=None), id="state"),
    pytest.param(SubmissionIncomplete(["integration.facade"]), id="incomplete"),
    pytest.param(
        BatchRefused(
            "Nothing was saved.", items=[{}, {"detail": ["x"]}], conflicts={1: _Current()}
        ),
        id="batch-conflict",
    ),
    pytest.param(
        BatchRefused("Nothing was saved.", items=[{"option": ["Bad."]}], conflicts={}),
        id="batch-refused",
    ),
]

EXPECTED_STATUS = {
    "field": 400,
    "sentence": 400,
    "role": 403,
    "stale": 409,
    "state": 409,
    "incomplete": 400,
    "batch-conflict": 409,
    "batch-refused": 400,
}


@pytest.mark.parametrize("error", ERRORS)
def test_the_api_and_the_portal_answer_a_refusal_alike(error, request, monkeypatch):
    # Each side shows the current copy its own way (the vendor sees less); the same here, so
    # that what is compared is the mapping.
    monkeypatch.setattr("assessments.portal.views.vendor_answer_payload", _present)
    api = api_exception_handler(error, {"view": _ApiView()})

    def raising(req):
        raise error

    portal = vendor_json(raising)(RequestFactory().put("/vendor/"))
    assert api.status_code == portal.status_code == EXPECTED_STATUS[request.node.callspec.id]
    assert api.data == json.loads(portal.content)


def test_a_conflict_carries_the_current_copy_in_the_views_own_shape():
    error = ConflictError("Someone else saved this.", current=_Current())
    response = api_exception_handler(error, {"view": _ApiView()})
    assert response.data == {"detail": "Someone else saved this.", "current": {"version": 7}}


def test_a_catalogue_validation_error_is_a_400_filed_under_its_field():
    error = DjangoValidationError({"name": ["A vendor with this name already exists."]})
    response = api_exception_handler(error, {"view": object()})
    assert response.status_code == 400
    assert response.data == {"name": ["A vendor with this name already exists."]}


# Where a service's refusal turns into an HTTP answer by hand is a second copy of the mapping.
API_MODULES = [
    *sorted((ROOT / "assessments" / "api").glob("*.py")),
    ROOT / "reports" / "api.py",
    ROOT / "vendors" / "api.py",
    ROOT / "assessments" / "portal" / "views.py",
]
SERVICE_ERRORS = {
    "ServiceError",
    "ConflictError",
    "NotAllowed",
    "BatchRefused",
    "SubmissionIncomplete",
    "ValidationError",
}


def _caught_names(handler: ast.ExceptHandler) -> set[str]:
    nodes = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return {n.id if isinstance(n, ast.Name) else getattr(n, "attr", "") for n in nodes if n}


def test_no_api_view_or_portal_endpoint_maps_service_errors_by_hand():
    offenders = []
    for path in API_MODULES:
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.ExceptHandler) and _caught_names(node) & SERVICE_ERRORS:
                where = f"{path.relative_to(ROOT)}:{node.lineno}"
                # The portal's one decorator is the mapping itself, not a copy of it.
                if not (path.name == "views.py" and _inside(tree, node, "vendor_json")):
                    offenders.append(where)
    assert offenders == []


def _inside(tree: ast.AST, target: ast.AST, function: str) -> bool:
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name == function:
            return any(child is target for child in ast.walk(node))
    return False
