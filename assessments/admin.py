"""Admin for every model. Questionnaire content is read-only once its version is published:
old assessments must keep meaning what they meant when they were answered."""

from django.contrib import admin, messages

from assessments.models import (
    Answer,
    Assessment,
    AuditEvent,
    Comment,
    Condition,
    Domain,
    Evidence,
    Invitation,
    Option,
    Question,
    QuestionnaireVersion,
    ReminderLog,
    RowChange,
    ScorecardSnapshot,
    VendorSession,
)
from assessments.questionnaire.loader import questionnaire_publish, questionnaire_retire
from core.admin import ReadOnlyAdmin


class _LockedWhenPublished(admin.ModelAdmin):
    """Content rows can only be edited while their version is a draft."""

    def _version_of(self, obj):
        raise NotImplementedError

    def has_change_permission(self, request, obj=None):
        if obj is not None and self._version_of(obj).is_locked:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and self._version_of(obj).is_locked:
            return False
        return super().has_delete_permission(request, obj)

    def has_add_permission(self, request):
        # New content arrives through load_questionnaire, which validates the whole file.
        return False


@admin.register(QuestionnaireVersion)
class QuestionnaireVersionAdmin(_LockedWhenPublished):
    list_display = ("key", "version", "title", "status", "published_at", "content_sha256")
    list_filter = ("status", "key")
    readonly_fields = (
        "content_sha256",
        "scoring_policy",
        "published_at",
        "created_at",
        "updated_at",
    )
    actions = ("publish", "retire")

    def _version_of(self, obj):
        return obj

    @admin.action(description="Publish selected drafts")
    def publish(self, request, queryset):
        for questionnaire in queryset:
            questionnaire_publish(questionnaire=questionnaire)
        self.message_user(request, "Published.", messages.SUCCESS)

    @admin.action(description="Retire selected versions (no new assessments)")
    def retire(self, request, queryset):
        for questionnaire in queryset:
            questionnaire_retire(questionnaire=questionnaire)
        self.message_user(request, "Retired.", messages.SUCCESS)


@admin.register(Domain)
class DomainAdmin(_LockedWhenPublished):
    list_display = ("title", "key", "questionnaire", "weight", "position")
    list_filter = ("questionnaire",)

    def _version_of(self, obj):
        return obj.questionnaire


class OptionInline(admin.TabularInline):
    model = Option
    extra = 0
    fields = ("key", "label", "score", "is_unknown", "finding_severity", "finding_title")

    def has_change_permission(self, request, obj=None):
        return obj is None or not obj.questionnaire.is_locked

    def has_add_permission(self, request, obj=None):
        return obj is None or not obj.questionnaire.is_locked

    def has_delete_permission(self, request, obj=None):
        return obj is None or not obj.questionnaire.is_locked


@admin.register(Question)
class QuestionAdmin(_LockedWhenPublished):
    list_display = ("key", "domain", "questionnaire", "required", "allows_na", "weight")
    list_filter = ("questionnaire", "domain__key", "required")
    search_fields = ("key", "text")
    inlines = [OptionInline]

    def _version_of(self, obj):
        return obj.questionnaire


@admin.register(Option)
class OptionAdmin(_LockedWhenPublished):
    list_display = ("question", "key", "score", "is_unknown", "finding_severity")
    list_filter = ("finding_severity", "question__questionnaire")
    search_fields = ("key", "label", "question__key")

    def _version_of(self, obj):
        return obj.question.questionnaire


class AnswerInline(admin.TabularInline):
    model = Answer
    extra = 0
    fields = ("question", "option", "is_na", "evidence_level", "version", "updated_by")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ("offering", "questionnaire", "status", "requester", "reviewer", "due_date")
    list_filter = ("status", "questionnaire")
    search_fields = ("offering__name", "offering__vendor__name")
    raw_id_fields = ("requester", "reviewer")
    readonly_fields = ("submitted_at", "decided_at", "created_at", "updated_at")
    inlines = [AnswerInline]


@admin.register(Answer)
class AnswerAdmin(admin.ModelAdmin):
    list_display = ("assessment", "question", "option", "is_na", "evidence_level", "version")
    list_filter = ("evidence_level",)
    raw_id_fields = ("assessment", "question", "option", "updated_by")
    readonly_fields = ("version", "created_at", "updated_at")


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    list_display = ("original_name", "url", "answer", "size", "sha256", "uploaded_by", "created_at")
    raw_id_fields = ("answer", "uploaded_by")
    readonly_fields = ("sha256", "size", "content_type", "created_at", "updated_at")


class _ReadOnly(ReadOnlyAdmin):
    """History and review records are written by the services, with their audit rows; the admin
    only shows them."""


@admin.register(AuditEvent)
class AuditEventAdmin(_ReadOnly):
    list_display = ("created_at", "assessment", "actor_label", "action", "question_key")
    list_filter = ("action",)
    search_fields = ("actor_label", "question_key", "assessment__offering__name")


@admin.register(RowChange)
class RowChangeAdmin(_ReadOnly):
    list_display = ("changed_at", "table_name", "row_id", "operation")
    list_filter = ("table_name", "operation")


@admin.register(ScorecardSnapshot)
class ScorecardSnapshotAdmin(_ReadOnly):
    list_display = ("created_at", "assessment", "kind", "scorecard_sha256")
    list_filter = ("kind",)


@admin.register(Comment)
class CommentAdmin(_ReadOnly):
    list_display = ("created_at", "assessment", "question_key", "author", "kind", "resolved_at")
    list_filter = ("kind",)


@admin.register(Condition)
class ConditionAdmin(_ReadOnly):
    list_display = ("created_at", "assessment", "text", "owner", "due_date")


@admin.register(Invitation)
class InvitationAdmin(_ReadOnly):
    list_display = (
        "created_at",
        "assessment",
        "contact",
        "expires_at",
        "used_at",
        "revoked_at",
        "done_at",
    )
    exclude = ("token_hash",)


@admin.register(VendorSession)
class VendorSessionAdmin(_ReadOnly):
    list_display = ("created_at", "invitation", "expires_at", "revoked_at", "last_seen_at")


@admin.register(ReminderLog)
class ReminderLogAdmin(_ReadOnly):
    list_display = ("created_at", "invitation", "kind")
