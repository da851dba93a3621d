"""Mark each pair's newest alignment review, so pages find them with an index."""

from django.db import migrations, models
from django.db.models import Exists, OuterRef, Q


def mark_latest(apps, schema_editor):
    AlignmentReview = apps.get_model("enquiries", "AlignmentReview")
    newer = AlignmentReview.objects.filter(
        enquiry=OuterRef("enquiry"), target=OuterRef("target")
    ).filter(
        Q(created_at__gt=OuterRef("created_at"))
        | Q(created_at=OuterRef("created_at"), pk__gt=OuterRef("pk"))
    )
    AlignmentReview.objects.exclude(Exists(newer)).update(is_latest=True)


class Migration(migrations.Migration):
    dependencies = [("enquiries", "0007_search_columns")]

    operations = [
        migrations.AddField(
            model_name="alignmentreview",
            name="is_latest",
            field=models.BooleanField(default=False, editable=False),
        ),
        migrations.RunPython(mark_latest, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="alignmentreview",
            index=models.Index(
                condition=models.Q(("is_latest", True)),
                fields=["reviewer", "created_at"],
                name="review_latest_by_reviewer",
            ),
        ),
    ]
