from django.apps import AppConfig


class DevtoolsConfig(AppConfig):
    """Demo data, the benchmark and the synthetic register extract: tools for
    developers and evaluators, never imported by the apps that serve users."""

    name = "devtools"
    verbose_name = "Developer tools"
