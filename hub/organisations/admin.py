from django.contrib import admin

from hub.organisations.models import Organisation, Person, Place, PlacePartner


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "gss_code", "region", "is_current"]
    list_filter = ["kind", "region", "nation", "is_current", "is_demo"]
    search_fields = ["name", "short_name", "gss_code", "register_code"]
    raw_id_fields = ["parent", "combined_authority"]


class PlacePartnerInline(admin.TabularInline):
    model = PlacePartner
    raw_id_fields = ["organisation"]


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["name", "region"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PlacePartnerInline]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["full_name", "job_title", "organisation", "role_type", "seniority"]
    list_filter = ["role_type", "seniority", "is_demo"]
    search_fields = ["full_name", "job_title"]
    raw_id_fields = ["organisation", "user"]
