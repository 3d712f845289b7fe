"""The full-text index of each database: an FTS5 table on SQLite, a generated tsvector with GIN on PostgreSQL."""

from django.db import migrations


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    with schema_editor.connection.cursor() as cursor:
        if vendor == "sqlite":
            cursor.execute(
                "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(name_terms, body_terms, tokenize='unicode61')"
            )
        elif vendor == "postgresql":
            cursor.execute(
                "ALTER TABLE search_searchentry ADD COLUMN document tsvector GENERATED ALWAYS AS "
                "(to_tsvector('simple', name_terms || ' ' || body_terms)) STORED"
            )
            cursor.execute("CREATE INDEX search_entry_document_gin ON search_searchentry USING gin (document)")


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    with schema_editor.connection.cursor() as cursor:
        if vendor == "sqlite":
            cursor.execute("DROP TABLE IF EXISTS search_fts")
        elif vendor == "postgresql":
            cursor.execute("DROP INDEX IF EXISTS search_entry_document_gin")
            cursor.execute("ALTER TABLE search_searchentry DROP COLUMN IF EXISTS document")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
