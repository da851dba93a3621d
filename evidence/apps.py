from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "evidence"
    verbose_name = "Evidence, codebook and key drivers"

    def ready(self) -> None:
        from . import rules  # noqa: F401  (registers the evidence.* rules permissions)
