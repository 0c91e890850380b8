"""API shapes. Serializers check shape only; every rule lives in the services."""

from django.urls import reverse
from rest_framework import serializers

from assessments.models import Answer, Assessment, Evidence, EvidenceLevel, QuestionnaireVersion
from assessments.questionnaire.structure import Structure, questionnaire_structure_by_id


class QuestionnaireSerializer(serializers.ModelSerializer):
    class Meta:
        model = QuestionnaireVersion
        fields = [
            "id",
            "key",
            "version",
            "title",
            "description",
            "status",
            "published_at",
            "content_sha256",
        ]


def questionnaire_tree(structure: Structure) -> list[dict]:
    return [
        {
            "key": d.key,
            "title": d.title,
            "description": d.description,
            "weight": d.weight,
            "questions": [
                {
                    "key": q.key,
                    "text": q.text,
                    "help": q.help,
                    "required": q.required,
                    "allows_na": q.allows_na,
                    "weight": q.weight,
                    "show_if": q.show_if,
                    # A context question (the deployment) decides what applies and scores nothing;
                    # a follow-up under questionnaire v2 refines the answer it names.
                    "scored": q.scored,
                    "refines": q.refines or None,
                    # The external criteria it helps to check (version 3 on; else empty).
                    "references": [{"scheme": s, "id": i} for s, i in q.references],
                    "options": [
                        {
                            "key": o.key,
                            "label": o.label,
                            "score": o.score,
                            "unknown": o.is_unknown,
                            "finding": {
                                "severity": o.finding_severity,
                                "title": o.finding_title,
                                "rationale": o.finding_rationale,
                            }
                            if o.finding_severity
                            else None,
                            # What choosing it costs us (version 3 on; else empty).
                            "impacts": [i.to_dict() for i in o.impacts],
                        }
                        for o in q.options
                    ],
                }
                for q in d.questions
            ],
        }
        for d in structure.domains
    ]


class QuestionnaireDetailSerializer(QuestionnaireSerializer):
    scoring_policy = serializers.JSONField(read_only=True)
    reference_schemes = serializers.JSONField(
        read_only=True,
        help_text="The external criteria the questions may cite: key, title and every id.",
    )
    domains = serializers.SerializerMethodField()

    class Meta(QuestionnaireSerializer.Meta):
        fields = [
            *QuestionnaireSerializer.Meta.fields,
            "scoring_policy",
            "reference_schemes",
            "domains",
        ]

    def get_domains(self, obj) -> list[dict]:
        return questionnaire_tree(self.context["structure"])


class AssessmentSerializer(serializers.ModelSerializer):
    vendor = serializers.SerializerMethodField()
    offering_name = serializers.CharField(source="offering.name", read_only=True)
    requester = serializers.CharField(source="requester.get_username", read_only=True)
    reviewer = serializers.SerializerMethodField()
    editable = serializers.BooleanField(
        source="is_editable",
        read_only=True,
        help_text="Whether answers can still change: a draft, or changes were requested.",
    )

    class Meta:
        model = Assessment
        fields = [
            "id",
            "offering",
            "offering_name",
            "vendor",
            "questionnaire",
            "status",
            "editable",
            "uncarried",
            "requester",
            "reviewer",
            "due_date",
            "submitted_at",
            "decided_at",
            "decision_rationale",
            "departure_justification",
            "decided_grade",
            "decided_recommendation",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_vendor(self, obj) -> dict:
        return {"id": str(obj.offering.vendor_id), "name": obj.offering.vendor.name}

    def get_reviewer(self, obj) -> str | None:
        return obj.reviewer.get_username() if obj.reviewer else None


class AssessmentCreateSerializer(serializers.Serializer):
    offering = serializers.UUIDField()
    questionnaire = serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text="The questionnaire version; by default the newest published one.",
    )
    due_date = serializers.DateField(required=False, allow_null=True)


VENDOR_TEXT_READ_ONLY = (
    "The vendor's explanation is written only by the invited vendor, through their invitation; "
    "send your own notes as text."
)


class _RefusesVendorText(serializers.Serializer):
    """Answer writes: `vendor_text` is read-only (AnswerSerializer); sent on a write, even empty
    or null, it is refused with the field named rather than silently ignored."""

    vendor_text = serializers.JSONField(
        required=False, allow_null=True, write_only=True, help_text=VENDOR_TEXT_READ_ONLY
    )

    def validate(self, attrs):
        if "vendor_text" in attrs:
            raise serializers.ValidationError({"vendor_text": [VENDOR_TEXT_READ_ONLY]})
        return attrs


class AnswerWriteSerializer(_RefusesVendorText):
    option = serializers.CharField(required=False, allow_null=True, allow_blank=True, default=None)
    na = serializers.BooleanField(required=False, default=False)
    text = serializers.CharField(
        required=False, allow_blank=True, default="", trim_whitespace=False
    )
    evidence_level = serializers.CharField(required=False, default=EvidenceLevel.CLAIM)
    version = serializers.IntegerField(required=False, allow_null=True, min_value=1, default=None)


class AnswerPatchSerializer(_RefusesVendorText):
    """Like AnswerWriteSerializer, but a field left out keeps its saved value."""

    option = serializers.CharField(required=False, allow_null=True, allow_blank=True)
    na = serializers.BooleanField(required=False)
    text = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    evidence_level = serializers.CharField(required=False)
    version = serializers.IntegerField(required=False, allow_null=True, min_value=1, default=None)


class AnswerBatchItemSerializer(AnswerWriteSerializer):
    question_key = serializers.CharField(max_length=100)


class AnswerBatchSerializer(serializers.Serializer):
    answers = AnswerBatchItemSerializer(many=True, allow_empty=False)


class EvidenceSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="original_name", read_only=True)
    question_key = serializers.SerializerMethodField()
    download_url = serializers.SerializerMethodField()
    document_url = serializers.SerializerMethodField(
        help_text="The page that records what the document is (its kind, scope and period)."
    )
    answer_version = serializers.IntegerField(source="answer.version", read_only=True)

    class Meta:
        model = Evidence
        fields = [
            "id",
            "question_key",
            "name",
            "url",
            "note",
            "content_type",
            "size",
            "sha256",
            "scan_status",
            "download_url",
            "document_url",
            "answer_version",
            "created_at",
        ]
        read_only_fields = fields

    def get_question_key(self, obj) -> str:
        return self.context["question_keys"][obj.answer.question_id]

    def get_download_url(self, obj) -> str | None:
        if not obj.downloadable:  # a link, or a file waiting for its malware scan or found infected
            return None
        return reverse("assessments:evidence", args=[obj.answer.assessment_id, obj.pk])

    def get_document_url(self, obj) -> str:
        return reverse("assessments:evidence-document", args=[obj.answer.assessment_id, obj.pk])


class EvidenceCreateSerializer(serializers.Serializer):
    question_key = serializers.CharField()
    file = serializers.FileField(required=False, allow_empty_file=True, use_url=False)
    url = serializers.CharField(required=False, allow_blank=True, default="")
    note = serializers.CharField(required=False, allow_blank=True, default="")


class AnswerSerializer(serializers.ModelSerializer):
    question_key = serializers.SerializerMethodField()
    option = serializers.SerializerMethodField()
    na = serializers.BooleanField(source="is_na")
    text = serializers.CharField(source="explanation")
    vendor_text = serializers.CharField(source="vendor_explanation")
    updated_by = serializers.SerializerMethodField()
    evidence = serializers.SerializerMethodField()

    class Meta:
        model = Answer
        fields = [
            "question_key",
            "option",
            "na",
            "text",
            "vendor_text",
            "evidence_level",
            "evidence_valid_until",
            "override_score",
            "override_justification",
            "finding_accepted",
            "acceptance_justification",
            "carried_over",
            "level_set_at",
            "reviewed_at",
            "version",
            "updated_by",
            "updated_at",
            "evidence",
        ]
        read_only_fields = fields

    def _question(self, obj):
        return self.context["structure"].by_id[obj.question_id]

    def get_question_key(self, obj) -> str:
        return self._question(obj).key

    def get_option(self, obj) -> str | None:
        option = self._question(obj).option_by_id(obj.option_id)
        return option.key if option else None

    def get_updated_by(self, obj) -> str | None:
        return obj.updated_by.get_username() if obj.updated_by else None

    def get_evidence(self, obj) -> list[dict] | None:
        by_answer = self.context.get("evidence")
        if by_answer is None:
            return None  # not loaded on this path (autosave responses)
        items = by_answer.get(obj.pk, [])
        keys = {q.id: q.key for q in self.context["structure"].questions}
        return EvidenceSerializer(items, many=True, context={"question_keys": keys}).data


def answer_payload(answer: Answer) -> dict:
    """One answer as a save, a review action or a conflict answers with it: without its evidence
    list (autosave needs the new version, not a query over every file of the assessment)."""
    structure = questionnaire_structure_by_id(answer.assessment.questionnaire_id)
    return AnswerSerializer(answer, context={"structure": structure, "evidence": None}).data
