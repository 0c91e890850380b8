"""What an evidence document is, what it covers and for when (issue 23).

An evidence item (a file or a link on an answer) can be a document of a known kind: a SOC 2
report, a certificate, a penetration-test letter, a bridge letter… Its facts are recorded by
whoever attached it (procurement, or a reviewer) and confirmed by an architect; the scope check
(scoring/attestation.py) reads them to decide whether an *attested* answer is really backed.
"""

from django.conf import settings
from django.db import models

from assessments.models.assessment import Evidence
from core.models import TimeStampedModel
from scoring import DOCUMENT_KINDS as KINDS


class EvidenceDocument(TimeStampedModel):
    Kind = models.TextChoices(
        "Kind", [(key.upper(), (key, label)) for key, (label, *_rest) in KINDS.items()]
    )

    evidence = models.OneToOneField(Evidence, on_delete=models.CASCADE, related_name="document")
    kind = models.CharField(max_length=32, choices=Kind.choices)
    # The audit firm, certification body or tester; the legal entity the document is about.
    issuer = models.CharField(max_length=200, blank=True)
    subject = models.CharField(max_length=200, blank=True)
    # What the scope names: products and services, regions or data centres, trust criteria.
    scope_products = models.JSONField(default=list, blank=True)
    scope_regions = models.JSONField(default=list, blank=True)
    trust_criteria = models.JSONField(default=list, blank=True)
    star_level = models.CharField(max_length=20, blank=True)
    # An audit period (SOC 2 Type II, SOC 3), a validity (certificates), or a date (the rest; for
    # a bridge letter, period_end is the last day it covers).
    period_start = models.DateField(null=True, blank=True)
    period_end = models.DateField(null=True, blank=True)
    issued_on = models.DateField(null=True, blank=True)
    expires_on = models.DateField(null=True, blank=True)
    # A bridge letter names the report whose period it extends.
    bridges = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="bridge_letters"
    )
    exceptions_noted = models.BooleanField(null=True, blank=True)
    exceptions_text = models.TextField(max_length=4_000, blank=True)
    cuecs_noted = models.BooleanField(null=True, blank=True)
    carve_outs = models.TextField(max_length=2_000, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A reviewer's reason the document applies although its scope does not name the offering.
    scope_justification = models.TextField(max_length=2_000, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.evidence})"

    @property
    def label(self) -> str:
        """How flags and the report name it: "SOC 2 Type II report by Example LLP"."""
        name = self.get_kind_display()
        return f"{name} by {self.issuer}" if self.issuer else name
