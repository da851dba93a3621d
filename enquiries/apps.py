from django.apps import AppConfig


class EnquiriesConfig(AppConfig):
    name = "enquiries"
    verbose_name = "Enquiries: initiatives, projects, questions and alignment"

    def ready(self) -> None:
        from networks.scope import extend_scope

        from .reach import enquiry_reach

        # Facilitating an initiative or a project reaches the LAs it covers.
        extend_scope("enquiries", enquiry_reach)
