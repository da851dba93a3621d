from django.apps import AppConfig


class NetworksConfig(AppConfig):
    name = "networks"
    verbose_name = "Networks: LAs, schools, clusters and people"

    def ready(self) -> None:
        from .search import kinds

        # LAs, clusters, schools and people; apps above register theirs the same way.
        kinds.register()
