"""A meeting's notes as a source of evidence: one more nullable foreign key (to a
version of the notes, meetings.NotesVersion), one more kind, and both check
constraints widened to it. Every existing item keeps its source: the new column is
empty for them, which both widened constraints allow, so they hold for every row
already there."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("evidence", "0002_seed_codebook"),
        ("meetings", "0001_initial"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="evidenceitem",
            name="evidence_item_has_one_source",
        ),
        migrations.RemoveConstraint(
            model_name="evidenceitem",
            name="evidence_item_kind_matches_source",
        ),
        migrations.AddField(
            model_name="evidenceitem",
            name="notes_version",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="evidence_items",
                to="meetings.notesversion",
            ),
        ),
        migrations.AlterField(
            model_name="evidenceitem",
            name="kind",
            field=models.CharField(
                choices=[
                    ("log_entry", "Reflective log entry"),
                    ("feedback_response", "Feedback-loop response"),
                    ("archive_item", "Research archive item"),
                    ("meeting_notes", "Meeting notes"),
                ],
                max_length=20,
            ),
        ),
        migrations.AddConstraint(
            model_name="evidenceitem",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("log_entry__isnull", False),
                        ("feedback_response__isnull", True),
                        ("archive_item__isnull", True),
                        ("notes_version__isnull", True),
                    ),
                    models.Q(
                        ("feedback_response__isnull", False),
                        ("log_entry__isnull", True),
                        ("archive_item__isnull", True),
                        ("notes_version__isnull", True),
                    ),
                    models.Q(
                        ("archive_item__isnull", False),
                        ("log_entry__isnull", True),
                        ("feedback_response__isnull", True),
                        ("notes_version__isnull", True),
                    ),
                    models.Q(
                        ("notes_version__isnull", False),
                        ("log_entry__isnull", True),
                        ("feedback_response__isnull", True),
                        ("archive_item__isnull", True),
                    ),
                    _connector="OR",
                ),
                name="evidence_item_has_one_source",
            ),
        ),
        migrations.AddConstraint(
            model_name="evidenceitem",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("kind", "log_entry"), ("log_entry__isnull", False)),
                    models.Q(("feedback_response__isnull", False), ("kind", "feedback_response")),
                    models.Q(("archive_item__isnull", False), ("kind", "archive_item")),
                    models.Q(("kind", "meeting_notes"), ("notes_version__isnull", False)),
                    _connector="OR",
                ),
                name="evidence_item_kind_matches_source",
            ),
        ),
    ]
