"""Logs are JSON lines with the request id; passwords, tokens and what people wrote in answers
never reach them, whichever way a record carries them."""

import io
import json
import logging

import pytest
from django.conf import settings

from core.json_logging import REDACTED, JsonFormatter, RedactingFilter
from core.logging import RequestIdFilter
from core.middleware import request_id_var

SECRET = "s3cr3t-value-that-must-not-leak"


@pytest.fixture
def emit():
    """A logger wired like the console handler of settings.LOGGING, writing JSON to a buffer."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.addFilter(RedactingFilter())
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("tests.deploy.redaction")
    logger.addHandler(handler)
    logger.propagate = False
    logger.setLevel(logging.DEBUG)

    def log(*args, **kwargs) -> dict:
        stream.seek(0)
        stream.truncate()
        logger.info(*args, **kwargs)
        return json.loads(stream.getvalue())

    yield log
    logger.removeHandler(handler)


def test_the_console_handler_redacts_and_writes_json_by_default_with_debug_off():
    console = settings.LOGGING["handlers"]["console"]
    assert "redact" in console["filters"] and "request_id" in console["filters"]
    assert settings.LOG_FORMAT == "json" and console["formatter"] == "json"


def test_a_line_is_json_with_the_request_id_and_the_extra_fields(emit):
    token = request_id_var.set("req-abcdef123456")
    try:
        line = emit("report %s done", "r-1", extra={"duration_ms": 12.5})
    finally:
        request_id_var.reset(token)
    assert line["message"] == "report r-1 done"
    assert line["request_id"] == "req-abcdef123456"
    assert line["duration_ms"] == 12.5
    assert line["level"] == "INFO" and line["logger"] == "tests.deploy.redaction"


@pytest.mark.parametrize(
    "key",
    [
        "password",
        "new_password1",
        "token",
        "api_key",
        "Authorization",
        "DJANGO_SECRET_KEY",
        "sessionid",
        "csrfmiddlewaretoken",
        "explanation",
        "text",
        "override_justification",
        "decision_rationale",
        "body",
        "note",
    ],
)
def test_secret_keys_are_redacted_in_mapping_arguments_and_extra_fields(emit, key):
    line = emit("saving %(" + key + ")s", {key: SECRET})
    assert line["message"] == f"saving {REDACTED}"
    line = emit("saving", extra={key: SECRET})
    assert line[key] == REDACTED
    line = emit("payload %s", {"data": {key: SECRET, "question": "q1"}})
    assert SECRET not in json.dumps(line)
    assert "q1" in line["message"]


def test_secrets_inside_strings_are_masked(emit):
    line = emit(
        "broker %s unreachable; link %s; callback %s",
        f"redis://:{SECRET}@redis:6379/0",
        f"https://dd.example.com/vendor/invite/{SECRET}/",
        f"/hook?token={SECRET}&x=1",
    )
    assert SECRET not in line["message"]
    assert "redis://:[redacted]@redis:6379/0" in line["message"]
    assert "/vendor/invite/[redacted]/" in line["message"]


def test_celerys_task_log_lines_keep_the_task_but_not_its_arguments(emit):
    """The invitation e-mail task is handed the link's token; Celery logs a received task's
    arguments in `extra`."""
    line = emit(
        "Task %(name)s[%(id)s] received",
        {"name": "assessments.send_invitation", "id": "t-1"},
        extra={
            "data": {
                "id": "t-1",
                "name": "assessments.send_invitation",
                "args": f"('inv-1', '{SECRET}')",
                "kwargs": "{}",
            }
        },
    )
    assert line["message"] == "Task assessments.send_invitation[t-1] received"
    assert SECRET not in json.dumps(line)


def test_an_object_in_extra_is_logged_as_text_and_masked(emit, rf):
    request = rf.get(f"/vendor/invite/{SECRET}/")
    line = emit("Not Found: %s", request.path, extra={"request": request, "status_code": 404})
    assert SECRET not in json.dumps(line)
    assert line["status_code"] == 404


def test_djangos_response_log_carries_the_request_id_of_its_request(emit, rf):
    """django.request logs a 4xx/5xx after the middleware has returned; the id comes from the
    request it hands over."""
    request = rf.get("/missing/")
    request.request_id = "req-from-the-request"
    line = emit("Not Found: %s", request.path, extra={"request": request, "status_code": 404})
    assert line["request_id"] == "req-from-the-request"


def test_a_traceback_is_kept_but_masked(emit):
    try:
        raise ConnectionError(f"cannot reach postgres://app:{SECRET}@db/sbd")
    except ConnectionError:
        stream_line = emit("failed", exc_info=True)
    assert "ConnectionError" in stream_line["exc"] and SECRET not in stream_line["exc"]


@pytest.mark.django_db
def test_saving_an_answer_logs_neither_its_explanation_nor_the_token(
    api, procurement_user, questionnaire, caplog
):
    from assessments.lifecycle.services import assessment_create
    from tests.factories import OfferingFactory

    assessment = assessment_create(
        actor=procurement_user, offering=OfferingFactory(), questionnaire=questionnaire
    )
    question = questionnaire.domains.first().questions.first()
    option = question.options.first()
    client = api(procurement_user)
    with caplog.at_level(logging.DEBUG):
        response = client.put(
            f"/api/v1/assessments/{assessment.pk}/answers/{question.key}/",
            {"option": option.key, "text": SECRET},
            format="json",
        )
    assert response.status_code in (200, 201), response.content
    formatter = JsonFormatter()
    for record in caplog.records:
        RedactingFilter().filter(record)
        assert SECRET not in formatter.format(record)
    assert any(r.name == "core.requests" for r in caplog.records)
