"""Saving many answers at once, all or nothing.

An integration (a spreadsheet import, another tool's export) sends a whole domain in one request.
If any answer is refused — a bad option, a stale version, a database error half-way — none of the
batch is kept: a half-applied batch would leave the assessment in a state nobody asked for.
"""

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from assessments.answers.services import (
    UNKNOWN_QUESTION,
    AnswerChange,
    answer_write,
    assessment_ensure_editable,
    summary_refresh_after,
)
from assessments.audit import Author
from assessments.models import Answer
from assessments.questionnaire.structure import questionnaire_structure_by_id
from assessments.selectors import assessment_get_for_user
from core.errors import ConflictError, Presenter, ServiceError

MAX_BATCH = 300
BATCH_EMPTY = "Send at least one answer."
BATCH_TOO_LARGE = f"Send at most {MAX_BATCH} answers in one batch."
DUPLICATE_IN_BATCH = "This question appears more than once in the batch."
BATCH_REFUSED = "Nothing was saved: correct the answers marked and send the batch again."
BATCH_CONFLICT = (
    "Nothing was saved: some answers changed on the server after you loaded them. "
    "Each marked item holds the server's copy."
)


@dataclass(frozen=True)
class AnswerInput:
    question_key: str
    change: AnswerChange
    expected_version: int | None


class BatchRefused(ServiceError):
    """One entry per item of the batch, in order: {} for an item that was fine, else its field
    errors. `conflicts` maps an item's index to the server's current answer."""

    def __init__(self, message: str, *, items: list[dict], conflicts: dict[int, Answer]) -> None:
        super().__init__(message)
        self.items = items
        self.conflicts = conflicts
        # A stale item makes the whole batch a conflict: the client must look at the server's copy.
        self.http_status = 409 if conflicts else 400

    def body(self, present: Presenter | None = None) -> dict:
        items = [dict(errors) for errors in self.items]
        if present is not None:
            for index, current in self.conflicts.items():
                items[index]["current"] = present(current)
        return {"detail": self.message, "answers": items}


def answers_save_many(
    *, actor: AbstractBaseUser, assessment_pk, inputs: list[AnswerInput]
) -> list[Answer]:
    if not inputs:
        raise ServiceError(BATCH_EMPTY, field_errors={"answers": [BATCH_EMPTY]})
    if len(inputs) > MAX_BATCH:
        raise ServiceError(BATCH_TOO_LARGE, field_errors={"answers": [BATCH_TOO_LARGE]})
    with transaction.atomic():
        assessment = assessment_get_for_user(user=actor, pk=assessment_pk, for_write=True)
        # A frozen assessment refuses the batch as a whole, as a single save would.
        assessment_ensure_editable(assessment)
        structure = questionnaire_structure_by_id(assessment.questionnaire_id)
        author = Author(user=actor)
        items: list[dict] = [{} for _ in inputs]
        conflicts: dict[int, Answer] = {}
        saved: list[Answer] = []
        seen: set[str] = set()
        for index, item in enumerate(inputs):
            question = structure.question(item.question_key)
            if question is None:
                items[index] = {"question_key": [UNKNOWN_QUESTION]}
                continue
            if item.question_key in seen:
                items[index] = {"question_key": [DUPLICATE_IN_BATCH]}
                continue
            seen.add(item.question_key)
            try:
                # Each write runs in a savepoint so a refused item leaves the transaction usable
                # and the rest of the batch can still be checked and reported in one answer.
                with transaction.atomic():
                    saved.append(
                        answer_write(
                            assessment=assessment,
                            question=question,
                            change=item.change,
                            expected_version=item.expected_version,
                            author=author,
                        )
                    )
            except ConflictError as exc:
                items[index] = {"detail": [exc.message]}
                conflicts[index] = exc.current
            except ServiceError as exc:
                items[index] = exc.field_errors or {"detail": [exc.message]}
        if any(items):
            # Raising inside the atomic block rolls back every item already written.
            raise BatchRefused(
                BATCH_CONFLICT if conflicts else BATCH_REFUSED, items=items, conflicts=conflicts
            )
        summary_refresh_after(assessment, *saved)
    return saved
