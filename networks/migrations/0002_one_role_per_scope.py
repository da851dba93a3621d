from django.db import migrations


class Migration(migrations.Migration):
    """Its constraints (one current role per person, role and scope) are now created
    by 0001_initial; kept, empty, so databases that recorded it stay consistent."""

    dependencies = [("networks", "0001_initial")]

    operations = []
