from django.db import migrations


def load(apps, schema_editor):
    from katalog.search.reference import add_missing_synonyms

    add_missing_synonyms(apps.get_model("search", "SynonymGroup"))


class Migration(migrations.Migration):
    dependencies = [("search", "0003_reference_synonyms")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
