"""The themes records are coded with: the five Local Digital Declaration principles and the
digital themes the programme reports on. Written out here, as migrations must not import code."""

from django.db import migrations

DECLARATION_PRINCIPLES = [
    (
        "redesign-services-around-users",
        "Redesign services around the needs of the people using them",
        "Go further to redesign our services around the needs of the people using them: continuing to prioritise citizen and user needs above professional, organisational and technological silos.",
    ),
    (
        "fix-our-plumbing",
        "Fix our plumbing",
        "Break our dependence on inflexible and expensive technology that does not join up effectively: demand modular, interoperable building blocks built on open standards.",
    ),
    (
        "share-information-safely",
        "Share information safely and usefully",
        "Design safe, secure and useful ways of sharing information to build trust among our partners and citizens.",
    ),
    (
        "demonstrate-digital-leadership",
        "Demonstrate digital leadership",
        "Create the conditions for genuine organisational transformation to happen, and challenge those who hold onto legacy approaches.",
    ),
    (
        "embed-an-open-culture",
        "Embed an open culture",
        "An open culture that values, incentivises and expects digital ways of working from every member of the workforce: sharing what we do in the open.",
    ),
]

DIGITAL_THEMES = [
    (
        "channel-shift",
        "Channel shift",
        "Moving contact from phone and face to face to online self-service, without leaving people behind.",
    ),
    (
        "automation",
        "Automation",
        "Automating repetitive processes, including robotic process automation and workflow.",
    ),
    (
        "data-sharing",
        "Data sharing",
        "Sharing data between services and partners lawfully and safely.",
    ),
    (
        "data-and-analytics",
        "Data and analytics",
        "Using data to understand demand, target services and measure outcomes.",
    ),
    ("cloud", "Cloud", "Moving infrastructure and applications to cloud services."),
    (
        "artificial-intelligence",
        "Artificial intelligence",
        "Machine learning and generative AI, used responsibly and transparently.",
    ),
    (
        "cyber-security",
        "Cyber security",
        "Protecting services and data from cyber attack, and recovering from it.",
    ),
    (
        "digital-inclusion",
        "Digital inclusion",
        "Helping residents get online: skills, devices, connectivity and assisted digital support.",
    ),
    (
        "user-research",
        "User research",
        "Understanding the people who use services before designing for them.",
    ),
    (
        "workforce-skills",
        "Workforce skills",
        "Building digital skills and capability across the workforce and leadership.",
    ),
    (
        "procurement-and-markets",
        "Procurement and markets",
        "Buying technology and services well: open standards, shorter contracts, avoiding lock-in.",
    ),
    ("connectivity", "Connectivity", "Full-fibre, 5G and the infrastructure that places need."),
    (
        "assistive-technology",
        "Assistive technology and care",
        "Technology-enabled care that helps people live independently.",
    ),
]


def create_themes(apps, schema_editor):
    Theme = apps.get_model("taxonomy", "Theme")
    for kind, themes in (("declaration", DECLARATION_PRINCIPLES), ("digital", DIGITAL_THEMES)):
        for order, (slug, name, description) in enumerate(themes, start=1):
            Theme.objects.update_or_create(
                slug=slug,
                defaults={"name": name, "kind": kind, "description": description, "order": order},
            )


def remove_themes(apps, schema_editor):
    slugs = [slug for slug, *_ in DECLARATION_PRINCIPLES + DIGITAL_THEMES]
    apps.get_model("taxonomy", "Theme").objects.filter(slug__in=slugs).delete()


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0001_initial")]

    operations = [migrations.RunPython(create_themes, remove_themes)]
