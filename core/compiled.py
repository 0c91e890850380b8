"""ORM querysets compiled to SQL once per process, for the few queries on the hottest paths.

Building SQL from a queryset costs Django 0.2-0.6 ms of CPU per call (measured for the autosave
path, see BENCHMARKS.md) — more than PostgreSQL takes to answer. A query that runs on every
request (the signed-in user and roles, the assessment an autosave writes to) is written as an
ordinary queryset, compiled on first use with placeholder values, and afterwards run as a raw query
with the real values bound. The SQL is the ORM's own; only its compilation is cached.
"""

from collections.abc import Callable
from threading import Lock

from django.db.models import Model, QuerySet

# Each bound parameter is a constant of the query, or the n-th argument of `first()` converted the
# way the backend converted the placeholder (SQLite stores a UUID as its hex string, for example).
Slot = tuple[int | None, object]


def _forms(value) -> list[tuple[object, Callable]]:
    forms = [(value, lambda v: v)]
    if hasattr(value, "hex") and isinstance(getattr(value, "hex", None), str):
        forms += [(value.hex, lambda v: v.hex), (str(value), str)]
    return forms


class CompiledQuery:
    def __init__(self, build: Callable[..., QuerySet], *placeholders) -> None:
        """`build(*placeholders)` returns the queryset. Placeholder values must be distinct and
        must not occur in the query as constants, so their parameter positions can be found."""
        self._build = build
        self._placeholders = placeholders
        self._compiled: dict[str, tuple[type[Model], str, list[Slot]]] = {}
        self._lock = Lock()

    def _compile(self, using: str) -> tuple[type[Model], str, list[Slot]]:
        queryset = self._build(*self._placeholders)
        sql, params = queryset.query.get_compiler(using=using).as_sql()
        slots: list[Slot] = []
        for value in params:
            match = next(
                (
                    (i, convert)
                    for i, p in enumerate(self._placeholders)
                    for form, convert in _forms(p)
                    if form == value
                ),
                None,
            )
            slots.append(match if match is not None else (None, value))
        found = sorted(i for i, _ in slots if i is not None)
        if found != list(range(len(self._placeholders))):
            raise ValueError("each placeholder must appear exactly once in the compiled query")
        return queryset.model, sql, slots

    def _raw(self, values: tuple, using: str):
        compiled = self._compiled.get(using)
        if compiled is None:
            with self._lock:
                compiled = self._compiled.get(using) or self._compile(using)
                self._compiled[using] = compiled
        model, sql, slots = compiled
        params = [convert(values[i]) if i is not None else convert for i, convert in slots]
        return model._default_manager.db_manager(using).raw(sql, params)

    def first(self, *values, using: str = "default"):
        """The first row for these values, or None. Compiles on first use for `using`."""
        for row in self._raw(values, using):
            return row
        return None

    def tuples(self, *values, using: str = "default") -> list[tuple]:
        """Every row for these values as plain tuples, for a `values_list` queryset: no model
        instances at all, for reads that need a few columns of many rows."""
        from django.db import connections

        self._raw(values, using)  # compiles on first use
        _, sql, slots = self._compiled[using]
        params = [convert(values[i]) if i is not None else convert for i, convert in slots]
        with connections[using].cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def all(self, *values, using: str = "default") -> list:
        """Every row for these values, as model instances (no select_related: raw rows)."""
        return list(self._raw(values, using))
