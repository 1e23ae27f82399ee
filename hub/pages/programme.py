"""What the home page says about the programme's six elements and where each one lives."""

from django.urls import NoReverseMatch, reverse

from hub.organisations.selectors import current_english_council_count

PROGRAMME_ELEMENTS = [
    {
        "title": "Digital good practice database",
        "summary": "Search case studies, reports and toolkits from across the public sector and "
        "beyond: what others did, what it cost, what it saved and whom to call.",
        "url_name": "cases:list",
    },
    {
        "title": "Chief executive round tables",
        "summary": "Invitation-only regional round tables under the Chatham House rule, each "
        "addressed by a chief executive who delivered digital in their own council.",
        "url_name": "events:list",
    },
    {
        "title": "Member Leadership Academy",
        "summary": "Digital modules within the leadership programme for senior councillors: "
        "the opportunities and risks of digital.",
        "url_name": "academies:home",
    },
    {
        "title": "Digital Academy",
        "summary": "Place-based cohorts of senior officers from the council, police, health, "
        "fire and rescue and central government, over six to eight sessions.",
        "url_name": "academies:home",
    },
    {
        "title": "Peer challenge",
        "summary": "Digital lines of enquiry inside the corporate peer challenge, signposting "
        "good practice already delivered elsewhere.",
        "url_name": "peer_challenge:list",
    },
    {
        "title": "Digital champions' network",
        "summary": "Senior members and officers who have led digital programmes, mentoring "
        "peers and hosting open sessions.",
        "url_name": "champions:directory",
    },
]


def _href(url_name: str) -> str | None:
    # An element links only once its part of the Hub is built.
    try:
        return reverse(url_name)
    except NoReverseMatch:
        return None


def home_context() -> dict:
    return {
        "programme": [
            {**element, "href": _href(element["url_name"])} for element in PROGRAMME_ELEMENTS
        ],
        "council_count": current_english_council_count(),
    }
