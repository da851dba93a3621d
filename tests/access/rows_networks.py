"""Access-matrix rows for the register pages, "My work" and search, plus the
project-level URLs that belong to no area (healthz, the admin). See matrix.py."""

from .matrix import ANONYMOUS, LOGIN, SIGNED_IN, Row

# Everyone with a role in or under Essex (la) sees it; the outsider (Northamptonshire) does not.
ESSEX = {ANONYMOUS: LOGIN, "outsider": 404}
ESSEX_DEFAULT = 200
# Northamptonshire (other_la): the national view, its own co-leader, and the LA-to-LA
# facilitator (an officer there). Everyone else: 404, not 403.
NORTHANTS = {
    ANONYMOUS: LOGIN,
    "staff": 200,
    "national_facilitator": 200,
    "la_facilitator": 200,
    "outsider": 200,
}
NORTHANTS_DEFAULT = 404


def _essex(name, args, **extra) -> list[Row]:
    """A page of Essex's: GET as ESSEX says, and any POST refused before anything else."""
    return [
        Row(name, args=args, expect=ESSEX, default=ESSEX_DEFAULT, **extra),
        Row(name, args=args, method="post", default=405),
    ]


ROWS: list[Row] = [
    # --- Everyone signed in
    Row("home", expect=SIGNED_IN),
    Row("home", method="post", default=405),
    Row("networks:la_list", expect=SIGNED_IN),
    Row("networks:la_list", expect=SIGNED_IN, query={"name": "Essex"}, label="filtered"),
    Row("networks:la_list", method="post", default=405),
    Row("networks:search", expect=SIGNED_IN),
    Row("networks:search", expect=SIGNED_IN, query={"q": "Harlow"}, label="Harlow"),
    Row("networks:search", expect=SIGNED_IN, query={"q": "H"}, label="too short"),
    Row(
        "networks:search",
        expect=SIGNED_IN,
        query={"q": "harlow", "kind": "clusters", "page": "2"},
        label="one kind",
    ),
    Row(
        "networks:search",
        expect=SIGNED_IN,
        query={"q": "learn", "kind": "questions"},
        label="questions",
    ),
    Row("networks:search", expect=SIGNED_IN, query={"q": "x" * 10_000}, label="too long"),
    Row("networks:search", method="post", default=405),
    # --- The audit trail: staff (all), co-leaders (their LA's); nobody else
    Row(
        "networks:audit_log",
        expect={ANONYMOUS: LOGIN, "staff": 200, "la_coleader": 200, "outsider": 200},
        default=403,
    ),
    Row(
        "networks:audit_log",
        query={"la": "881"},
        # The outsider co-leads Northamptonshire: Essex's trail does not exist for them.
        expect={ANONYMOUS: LOGIN, "staff": 200, "la_coleader": 200, "outsider": 404},
        default=403,
        label="Essex",
    ),
    Row("networks:audit_log", method="post", default=405),
    # --- Essex's pages, and the same pages for Northamptonshire
    *_essex("networks:la_detail", lambda w: [w.la.code]),
    Row(
        "networks:la_detail",
        args=lambda w: [w.other_la.code],
        expect=NORTHANTS,
        default=NORTHANTS_DEFAULT,
        label="other LA",
    ),
    Row(
        "networks:la_detail",
        args=lambda w: ["999"],
        expect=SIGNED_IN,
        default=404,
        label="no such LA",
    ),
    *_essex("networks:la_schools", lambda w: [w.la.code]),
    Row(
        "networks:la_schools",
        args=lambda w: [w.la.code],
        expect=ESSEX,
        default=ESSEX_DEFAULT,
        query={"q": "Harlow", "phase": "primary"},
        headers={"HTTP_HX_REQUEST": "true"},
        label="htmx filter",
    ),
    Row(
        "networks:la_schools",
        args=lambda w: [w.other_la.code],
        expect=NORTHANTS,
        default=NORTHANTS_DEFAULT,
        label="other LA",
    ),
    *_essex("networks:la_isolated", lambda w: [w.la.code]),
    Row(
        "networks:la_isolated",
        args=lambda w: [w.other_la.code],
        expect=NORTHANTS,
        default=NORTHANTS_DEFAULT,
        label="other LA",
    ),
    *_essex("networks:cluster_detail", lambda w: [w.cluster.pk]),
    Row(
        "networks:cluster_detail",
        args=lambda w: [w.other_cluster.pk],
        expect=NORTHANTS,
        default=NORTHANTS_DEFAULT,
        label="other LA",
    ),
    *_essex("networks:school_detail", lambda w: [w.school.urn]),
    Row(
        "networks:school_detail",
        args=lambda w: [w.other_school.urn],
        expect=NORTHANTS,
        default=NORTHANTS_DEFAULT,
        label="other LA",
    ),
    # --- Project-level URLs
    Row("healthz", default=200),
    Row("healthz", method="post", default=405),
    # The benchmark's signed-in floor: the base layout for anyone signed in.
    Row("floor", expect={ANONYMOUS: LOGIN}, default=200),
    Row("floor", method="post", default=405),
    # Readiness: no session needed; ready in the test world (database, broker, no
    # email waiting longer than the limit).
    Row("readyz", default=200),
    Row("readyz", method="post", default=405),
    # The admin sends everyone but staff to its own sign-in page (a plain 302, not LOGIN).
    Row("admin:index", expect={"staff": 200}, default=302),
]
