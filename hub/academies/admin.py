from django.contrib import admin

from hub.academies.models import Briefing, LearningOutcome, Module


@admin.register(LearningOutcome)
class LearningOutcomeAdmin(admin.ModelAdmin):
    list_display = ["title", "code", "order"]
    ordering = ["order"]


@admin.register(Module)
class ModuleAdmin(admin.ModelAdmin):
    list_display = ["title", "academy", "order", "is_published"]
    list_filter = ["academy", "is_published"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["outcomes"]
    raw_id_fields = ["cases"]


@admin.register(Briefing)
class BriefingAdmin(admin.ModelAdmin):
    list_display = ["title", "topic", "is_published"]
    list_filter = ["is_published"]
    search_fields = ["title", "topic", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["modules"]
    raw_id_fields = ["cases"]
