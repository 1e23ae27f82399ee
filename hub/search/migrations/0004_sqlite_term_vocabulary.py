"""SQLite only: an fts5vocab table over search_fts, listing every indexed (Porter-stemmed) term
with how many documents hold it. Spelling suggestions look candidate words up in it.

PostgreSQL needs nothing new: its backend counts a word's documents with the GIN index.
"""

from django.db import migrations

SQLITE_CREATE = ["CREATE VIRTUAL TABLE search_fts_vocab USING fts5vocab(search_fts, 'row')"]
SQLITE_DROP = ["DROP TABLE IF EXISTS search_fts_vocab"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0003_embeddings")]

    operations = [
        migrations.RunPython(_run({"sqlite": SQLITE_CREATE}), _run({"sqlite": SQLITE_DROP}))
    ]
