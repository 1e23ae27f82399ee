"""The network's activity for programme staff: counts per champion, totals and gaps. Never
meeting notes, problems or feedback: those belong to the two people in a mentoring."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from hub.champions import activity
from hub.core.csv_export import csv_response
from hub.core.permissions import permission_required


@permission_required("champions.view_network_activity")
@require_GET
def activity_page(request):
    champions = list(activity.champion_activity())
    gaps = [
        ("regions", "Gaps by region", "English region", activity.gaps_by_region()),
        ("themes", "Gaps by theme", "theme", activity.gaps_by_theme()),
    ]
    return render(
        request,
        "champions/activity.html",
        {
            "champions": champions,
            "totals": activity.totals(champions),
            "gaps": [
                {
                    "id": id_,
                    "heading": heading,
                    "noun": noun,
                    "rows": rows,
                    "without": sum(1 for row in rows if row.approved == 0),
                }
                for id_, heading, noun, rows in gaps
            ],
            "service_areas_without": list(activity.service_areas_without_champions()),
        },
    )


CSV_COLUMNS = [
    ("Champion", lambda c: c.person.full_name),
    ("Organisation", lambda c: c.person.organisation.name),
    ("Region", lambda c: c.person.organisation.region),
    ("Status", lambda c: c.get_status_display()),
    ("Available", lambda c: "Yes" if c.available else "No"),
    ("Mentees now", lambda c: c.mentees_now),
    ("Capacity", lambda c: c.mentee_capacity),
    ("Requests waiting", lambda c: c.requests_waiting),
    ("Mentorings closed", lambda c: c.closed),
    ("Meetings held", lambda c: c.meetings_held),
    ("Sessions hosted", lambda c: c.sessions_hosted),
    ("Cases led", lambda c: c.cases_led_count),
]


@permission_required("champions.view_network_activity")
@require_GET
def activity_csv(request):
    return csv_response(
        filename="champions-activity.csv",
        columns=CSV_COLUMNS,
        rows=activity.champion_activity().iterator(chunk_size=500),
    )
