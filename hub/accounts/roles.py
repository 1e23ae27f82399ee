"""The Hub's roles. A visitor without an account is the public; every account is a member.

Roles are stored as Django groups of these names (made by a data migration), so programme
admins can grant them in the Hub and in the admin site alike.
"""

from django.db import models


class Role(models.TextChoices):
    MEMBER = "member", "Member"
    CHAMPION = "champion", "Digital champion"
    FACILITATOR = "facilitator", "Facilitator"
    EDITOR = "editor", "Editor"
    PROGRAMME_ADMIN = "programme_admin", "Programme admin"


ROLE_DESCRIPTIONS = {
    Role.MEMBER: "A councillor or officer of an organisation: reads and contributes.",
    Role.CHAMPION: "A digital leader who mentors peers and hosts open sessions.",
    Role.FACILITATOR: "Programme staff who run round tables, academies and peer challenges.",
    Role.EDITOR: "Programme staff who review and publish good practice.",
    Role.PROGRAMME_ADMIN: "Programme staff who manage accounts, roles and the programme's data.",
}

STAFF_ROLES = (Role.FACILITATOR, Role.EDITOR, Role.PROGRAMME_ADMIN)
