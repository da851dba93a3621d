from django.apps import AppConfig


class EnquiriesConfig(AppConfig):
    name = "enquiries"
    verbose_name = "Enquiries: initiatives, projects, questions and alignment"

    def ready(self) -> None:
        from networks.scope import extend_scope
        from networks.sections import extend_page

        from . import panels, search
        from .reach import enquiry_reach

        # Facilitating an initiative or a project reaches the LAs it covers.
        extend_scope("enquiries", enquiry_reach)
        # The register's pages lead on to the enquiry work they host.
        extend_page("la_detail", "enquiries", panels.la_projects_section)
        extend_page("cluster_detail", "enquiries", panels.cluster_work_section)
        extend_page("account", "enquiries", panels.facilitations_section)
        # Site search finds projects and enquiry questions too.
        search.register()
