"""Personal data in the good practice database: cases the person contributed or is a contact
for, questions they asked and their saved searches.

Erasure keeps every case (published ones stay published): the person stops being its
contributor and contact, so nothing on the case points at them. Their questions and saved
searches are deleted; moderation steps they took stay, shown as by "Erased person"."""

from hub.cases.models import Question, Resource, SavedSearch
from hub.privacy.registry import PersonalDataSource, register


def export(user) -> dict:
    def cases(queryset):
        return list(queryset.values("title", "slug", "status", "published_at").order_by("pk"))

    return {
        "cases_contributed": cases(Resource.objects.filter(contributor=user)),
        "cases_you_are_a_contact_for": cases(Resource.objects.filter(contacts=user)),
        "questions_asked": list(
            Question.objects.filter(asked_by=user)
            .values("resource__title", "text", "created_at")
            .order_by("pk")
        ),
        "saved_searches": list(
            SavedSearch.objects.filter(user=user)
            .values("name", "query_string", "frequency", "created_at")
            .order_by("pk")
        ),
    }


def erase(user) -> dict[str, int]:
    contact_for = user.contact_for_resources.count()
    user.contact_for_resources.clear()
    contributed = Resource.objects.filter(contributor=user).update(contributor=None)
    return {
        "cases kept without the person as contact": contact_for,
        "cases kept without the person as contributor": contributed,
        "questions deleted": Question.objects.filter(asked_by=user).delete()[0],
        "saved searches deleted": SavedSearch.objects.filter(user=user).delete()[0],
    }


register(
    PersonalDataSource(
        key="cases",
        title="Good practice",
        description="Cases you contributed or are a contact for, questions you asked about "
        "cases, and your saved searches.",
        export=export,
        erase=erase,
    )
)
