from django.db import migrations


def load(apps, schema_editor):
    from katalog.search.reference import load_synonyms

    load_synonyms(apps.get_model("search", "SynonymGroup"))


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext_index")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
