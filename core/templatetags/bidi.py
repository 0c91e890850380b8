"""`{% load bidi %}`: `{{ vendor.name|isolate }}` wherever a page prints what someone typed,
`{{ vendor.name|isolate_text }}` where markup cannot go (<title>, <option>, plain-text e-mail), and
`{{ words.sentence|isolates_to_bdi }}` for sentences that Python built with isolate_text.
Why: core/bidi.py."""

from django import template
from django.utils.safestring import SafeString

from core import bidi

register = template.Library()


@register.filter
def isolate(value: object) -> SafeString:
    return bidi.isolate(value)


@register.filter(needs_autoescape=True)
def isolate_text(value: object, autoescape: bool = True) -> str:
    return bidi.isolate_escaped_text(value) if autoescape else bidi.isolate_text(value)


@register.filter
def isolates_to_bdi(value: object) -> SafeString:
    return bidi.isolates_to_bdi(value)
