"""The shared codebook every project reads: the five key features, six emerging
themes, five Every Child Matters outcomes and five brokerage roles, each under a
group code (evidence/codebook_seed.py)."""

from django.db import migrations


def seed(apps, schema_editor):
    from evidence.codebook_seed import seed_codebook

    seed_codebook(apps.get_model("evidence", "Code"))


class Migration(migrations.Migration):
    dependencies = [("evidence", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
