"""Admin for peer challenges. Versions of the lines of enquiry are read here and edited
through the Hub's own pages (which refuse to change a published version); a challenge's
confidential content (evidence, findings, scoping notes) is not shown in lists."""

from django.contrib import admin

from hub.assessment.admin import ReadOnlyAdmin
from hub.peer_challenge.models import (
    Challenge,
    CoreElement,
    CouncilLead,
    EnquiryFramework,
    LineOfEnquiry,
    PeerTeamMember,
)


@admin.register(EnquiryFramework)
class EnquiryFrameworkAdmin(ReadOnlyAdmin):
    list_display = ["version", "title", "status", "published_at"]
    list_filter = ["status"]


@admin.register(CoreElement)
class CoreElementAdmin(ReadOnlyAdmin):
    list_display = ["title", "code", "framework", "order"]
    list_filter = ["framework"]


@admin.register(LineOfEnquiry)
class LineOfEnquiryAdmin(ReadOnlyAdmin):
    list_display = ["title", "element", "order"]
    list_filter = ["element__framework"]


class ReadOnlyInline(admin.TabularInline):
    """The team and leads change only through the Hub's team page, which keeps the rules (no
    peer from the council under review, one lead peer) and emails whoever is added."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class PeerInline(ReadOnlyInline):
    model = PeerTeamMember
    fields = ["person", "role"]


class CouncilLeadInline(ReadOnlyInline):
    model = CouncilLead
    fields = ["person"]


@admin.register(Challenge)
class ChallengeAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "status", "on_site_starts_on", "report_published_at"]
    list_filter = ["status", "framework"]
    search_fields = ["title", "organisation__name"]
    raw_id_fields = ["organisation", "created_by"]
    readonly_fields = ["framework", "slug", "position_from_assessment_id"]
    inlines = [PeerInline, CouncilLeadInline]
