"""Admin for the self-assessment. Framework versions are read here and edited through the
Hub's own pages (which refuse to change a published version); answers are not registered at
all, since individual answers are the team's alone."""

from django.contrib import admin

from hub.assessment.models import Assessment, Capability, Framework, Question, TeamMember


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Framework)
class FrameworkAdmin(ReadOnlyAdmin):
    list_display = ["version", "title", "status", "published_at"]
    list_filter = ["status"]


@admin.register(Capability)
class CapabilityAdmin(ReadOnlyAdmin):
    list_display = ["title", "code", "framework", "order"]
    list_filter = ["framework"]


@admin.register(Question)
class QuestionAdmin(ReadOnlyAdmin):
    list_display = ["text", "capability", "order"]
    list_filter = ["capability__framework"]


class TeamMemberInline(admin.TabularInline):
    model = TeamMember
    fields = ["person", "team_role", "is_lead", "submitted_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "framework", "status", "created_at", "closed_at"]
    list_filter = ["status", "framework"]
    search_fields = ["title", "organisation__name"]
    raw_id_fields = ["organisation", "place_assessment", "created_by"]
    readonly_fields = ["framework"]
    inlines = [TeamMemberInline]
