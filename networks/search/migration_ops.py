"""A migration operation for the indexes only PostgreSQL has (pg_trgm, full text).

The search columns are ordinary text columns on every database. PostgreSQL also
gets GIN indexes on them, which SQLite cannot build: this operation adds an index on
PostgreSQL and does nothing elsewhere. It leaves the models' state alone (the index
is not in any Meta), so `makemigrations` sees nothing to do on either database.
"""

from __future__ import annotations

from django.db.migrations.operations.base import Operation


class AddPostgresIndex(Operation):
    reversible = True
    reduces_to_sql = True

    def __init__(self, model_name: str, index) -> None:
        self.model_name = model_name
        self.index = index

    def state_forwards(self, app_label, state) -> None:
        pass  # not part of the model state: see the module docstring

    def database_forwards(self, app_label, schema_editor, from_state, to_state) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.add_index(to_state.apps.get_model(app_label, self.model_name), self.index)

    def database_backwards(self, app_label, schema_editor, from_state, to_state) -> None:
        if schema_editor.connection.vendor == "postgresql":
            model = from_state.apps.get_model(app_label, self.model_name)
            schema_editor.remove_index(model, self.index)

    def describe(self) -> str:
        return f"Create index {self.index.name} on {self.model_name} (PostgreSQL only)"

    def deconstruct(self):
        return (self.__class__.__name__, [], {"model_name": self.model_name, "index": self.index})
