"""Objects that existed before the feed get one change row each, so a mirror reading from the beginning
sees everything. Written with INSERT ... SELECT: a catalogue of millions of products stays quick."""

from django.db import migrations

# kind → (app, model, column holding when the object last changed)
EXISTING = [
    ("products", "catalog", "Product", "updated_at"),
    ("competitions", "procurement", "Competition", "updated_at"),
    ("orders", "procurement", "Order", "updated_at"),
    ("commitments", "events", "Commitment", "COALESCE(cancelled_at, recorded_at)"),
]


def record_existing(apps, schema_editor):
    connection = schema_editor.connection
    quote = connection.ops.quote_name
    change_table = quote(apps.get_model("feed", "Change")._meta.db_table)
    txid = "pg_current_xact_id()::text::bigint" if connection.vendor == "postgresql" else "0"
    with connection.cursor() as cursor:
        for kind, app, model, changed_at in EXISTING:
            table = quote(apps.get_model(app, model)._meta.db_table)
            cursor.execute(
                f"INSERT INTO {change_table} (kind, object_id, changed_at, txid) "
                f"SELECT %s, id, {changed_at}, {txid} FROM {table} ORDER BY id",
                [kind],
            )


class Migration(migrations.Migration):

    dependencies = [
        ("feed", "0001_initial"),
        ("catalog", "0001_initial"),
        ("procurement", "0002_competitions"),
        ("events", "0001_initial"),
    ]

    operations = [migrations.RunPython(record_existing, migrations.RunPython.noop)]
