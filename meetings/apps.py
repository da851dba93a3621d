from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = "Meetings and surgery notes"

    def ready(self) -> None:
        from networks.scope import extend_scope

        from . import rules  # noqa: F401  (registers the rules permissions)
        from .reach import meeting_reach

        extend_scope("meetings", meeting_reach)
