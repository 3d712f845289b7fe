from django.db import migrations


def load(apps, schema_editor):
    from katalog.catalog.reference import load_categories

    load_categories(apps.get_model("catalog", "Category"))


class Migration(migrations.Migration):
    dependencies = [("catalog", "0003_category_aliases")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
