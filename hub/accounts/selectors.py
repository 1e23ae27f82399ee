from django.db.models import Q, QuerySet

from hub.accounts.models import User


def user_list(*, query: str = "", role: str = "") -> QuerySet[User]:
    users = User.objects.prefetch_related("groups").order_by("full_name", "email")
    if query:
        users = users.filter(Q(full_name__icontains=query) | Q(email__icontains=query))
    if role:
        users = users.filter(groups__name=role)
    return users
