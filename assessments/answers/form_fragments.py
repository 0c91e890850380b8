"""Pre-escaped HTML fragments of the form page.

The Django template language spends most of a large form's render time resolving variables. The
option lists and evidence-level menus are the bulk of the markup and, for a published version,
never change — so their escaped fragments are built once per version and only the per-answer
`checked`/`selected` marks are joined in per request (see bench/bench_form_page.py).
"""

from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from assessments.questionnaire.structure import QuestionNode
from core.bidi import isolate

NA_VALUE = "__na__"
NA_LABEL = "Not applicable to this product"


@lru_cache(maxsize=4096)
def _option_fragments(question: QuestionNode) -> tuple[tuple[str, str, str], ...]:
    name = escape(f"opt-{question.key}")
    parts = [
        (
            o.key,
            f'<label class="opt"><input type="radio" name="{name}" value="{escape(o.key)}"',
            f"> <span>{isolate(o.label)}</span></label>",
        )
        for o in question.options
    ]
    if question.allows_na:
        parts.append(
            (
                NA_VALUE,
                f'<label class="opt na"><input type="radio" name="{name}" value="{NA_VALUE}"',
                f"> <span>{NA_LABEL}</span></label>",
            )
        )
    return tuple(parts)


def options_html(question: QuestionNode, chosen: str | None) -> SafeString:
    # Every piece was escaped when the fragments were built; only " checked" is added here.
    html = "".join(
        f"{head}{' checked' if key == chosen else ''}{tail}"
        for key, head, tail in _option_fragments(question)
    )
    return mark_safe(html)  # noqa: S308


@lru_cache(maxsize=64)
def _level_fragments(choices: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    return tuple((value, escape(label)) for value, label in choices)


def levels_html(choices: tuple[tuple[str, str], ...], selected: str | None) -> SafeString:
    html = "".join(
        f'<option value="{value}"{" selected" if value == selected else ""}>{label}</option>'
        for value, label in _level_fragments(choices)
    )
    return mark_safe(html)  # noqa: S308
