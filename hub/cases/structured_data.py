"""schema.org JSON-LD for a published record, so search engines and other tools can read it."""

from hub.cases.models import LICENCE_URLS, Resource, ResourceKind

SCHEMA_TYPES = {
    ResourceKind.CASE_STUDY: "Article",
    ResourceKind.REPORT: "Report",
    ResourceKind.TOOLKIT: "CreativeWork",
    ResourceKind.GUIDANCE: "Article",
}


def resource_json_ld(resource: Resource, request) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": SCHEMA_TYPES.get(resource.kind, "CreativeWork"),
        "headline": resource.title,
        "name": resource.title,
        "abstract": resource.summary,
        "url": request.build_absolute_uri(resource.get_absolute_url()),
        "license": LICENCE_URLS.get(resource.licence),
        "keywords": [theme.name for theme in resource.themes.all()]
        + [area.label for area in resource.service_areas.all()],
        "isAccessibleForFree": True,
    }
    if resource.published_at:
        data["datePublished"] = resource.published_at.date().isoformat()
    data["dateModified"] = resource.updated_at.date().isoformat()
    if resource.lead_organisation:
        organisation = {"@type": "GovernmentOrganization", "name": resource.lead_organisation.name}
        if resource.lead_organisation.gss_code:
            organisation["identifier"] = resource.lead_organisation.gss_code
        data["author"] = organisation
    if resource.start_date:
        data["temporalCoverage"] = (
            resource.start_date.isoformat()
            + "/"
            + (resource.end_date.isoformat() if resource.end_date else "..")
        )
    return data
