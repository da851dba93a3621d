"""Access-matrix rows for the CSV exports of list pages (networks/views/exports.py,
enquiries/views/exports.py): each download answers exactly as its page does, for
Essex's objects and for Northamptonshire's, and refuses POST. See matrix.py."""

from .matrix import ANONYMOUS, LOGIN, SIGNED_IN, Row
from .rows_networks import ESSEX, ESSEX_DEFAULT, NORTHANTS, NORTHANTS_DEFAULT

# A project's pages: everyone with a role in or under Essex; the outsider (Northants) 404.
PROJECT = {ANONYMOUS: LOGIN, "outsider": 404}
# Northamptonshire's project: seen only by those who see Northamptonshire.
OTHER_PROJECT = {
    ANONYMOUS: LOGIN,
    "staff": 200,
    "national_facilitator": 200,
    "la_facilitator": 200,
    "outsider": 200,
}


def _everyone(name: str) -> list[Row]:
    return [Row(name, expect=SIGNED_IN), Row(name, method="post", default=405)]


def _la(name: str) -> list[Row]:
    return [
        Row(name, args=lambda w: [w.la.code], expect=ESSEX, default=ESSEX_DEFAULT),
        Row(
            name,
            args=lambda w: [w.other_la.code],
            expect=NORTHANTS,
            default=NORTHANTS_DEFAULT,
            label="other LA",
        ),
        Row(name, args=lambda w: ["999"], expect=SIGNED_IN, default=404, label="no such LA"),
        Row(name, args=lambda w: [w.la.code], method="post", default=405),
    ]


def _project(name: str) -> list[Row]:
    return [
        Row(name, args=lambda w: [w.project.pk], expect=PROJECT),
        Row(
            name,
            args=lambda w: [w.other_project.pk],
            expect=OTHER_PROJECT,
            default=404,
            label="other LA",
        ),
        Row(name, args=lambda w: [w.project.pk], method="post", default=405),
    ]


ROWS: list[Row] = [
    # --- The register
    *_everyone("networks:la_list_csv"),
    Row("networks:la_list_csv", expect=SIGNED_IN, query={"name": "Essex"}, label="filtered"),
    *_la("networks:la_schools_csv"),
    Row(
        "networks:la_schools_csv",
        args=lambda w: [w.la.code],
        expect=ESSEX,
        default=ESSEX_DEFAULT,
        query={"q": "Harlow", "phase": "primary"},
        label="filtered",
    ),
    *_la("networks:la_isolated_csv"),
    *_la("networks:la_clusters_csv"),
    *_la("networks:la_people_csv"),
    # The audit trail: staff (all), co-leaders (their LA's); nobody else.
    Row(
        "networks:audit_log_csv",
        expect={ANONYMOUS: LOGIN, "staff": 200, "la_coleader": 200, "outsider": 200},
        default=403,
    ),
    Row(
        "networks:audit_log_csv",
        query={"la": "881"},
        expect={ANONYMOUS: LOGIN, "staff": 200, "la_coleader": 200, "outsider": 404},
        default=403,
        label="Essex",
    ),
    Row("networks:audit_log_csv", method="post", default=405),
    # Invitations sent: everyone signed in has a (possibly empty) list.
    *_everyone("invitation_list_csv"),
    # --- Enquiries
    *_everyone("enquiries:initiative_list_csv"),
    *_everyone("enquiries:review_queue_csv"),
    *_project("enquiries:project_questions_csv"),
    *_project("enquiries:feedback_loop_list_csv"),
    *_project("enquiries:log_list_csv"),
    *_project("enquiries:archive_csv"),
    Row(
        "enquiries:archive_csv",
        args=lambda w: [w.project.pk],
        expect=PROJECT,
        query={"category": "planning-documents"},
        label="one category",
    ),
]
