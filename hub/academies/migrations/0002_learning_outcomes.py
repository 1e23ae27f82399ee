"""The six learning outcomes every academy builds: what leaders need to apply digital."""

from django.db import migrations

OUTCOMES = [
    (
        "what-digital-can-do",
        "A realistic understanding of what digital can do",
        "Know what digital can and cannot do for residents, the workforce and the organisation, "
        "and tell a real opportunity from a supplier's promise.",
    ),
    (
        "market-and-value-for-money",
        "The market for services and technologies, and value for money",
        "Understand the supplier market, how to buy well and how to challenge a supplier's "
        "price, lock-in and contract terms.",
    ),
    (
        "user-insight-first",
        "Applying digital, starting with user insight",
        "Start from what residents and staff need, found out by research, before choosing a "
        "technology; lead services designed around users.",
    ),
    (
        "where-investment-delivered",
        "Where digital investment has delivered benefits",
        "Know where digital has saved money or improved outcomes elsewhere, and how strong the "
        "evidence is, so proven work is reused rather than reinvented.",
    ),
    (
        "resources-and-skills",
        "The resources and skills needed",
        "Judge the people, skills, data and money a digital change needs, and how to build "
        "them in the organisation and across partners.",
    ),
    (
        "spotting-opportunities",
        "Spotting opportunities to apply digital",
        "Identify where digital could change a service or joint work across a place, and set "
        "out a case for it.",
    ),
]


def load(apps, schema_editor):
    LearningOutcome = apps.get_model("academies", "LearningOutcome")
    for order, (code, title, description) in enumerate(OUTCOMES, start=1):
        LearningOutcome.objects.update_or_create(
            code=code, defaults={"title": title, "description": description, "order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("academies", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
