"""Importing the schools register extract (GIAS edubasealldata*.csv): import_gias."""

import ast
import codecs
import csv
import io
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from devtools.extract import extract_header, synthetic_extract_rows
from networks.gias import BadRowsError, GiasFormatError, import_register
from networks.gias import parse as gias_parse
from networks.models import LocalAuthority, School
from networks.reference_data import reference_data_dir
from tests.factories import LocalAuthorityFactory, MembershipFactory, SchoolFactory

# The columns we read, in the real extract's order, plus one we ignore.
HEADER = [
    "URN",
    "LA (code)",
    "LA (name)",
    "EstablishmentNumber",
    "EstablishmentName",
    "TypeOfEstablishment (name)",
    "EstablishmentTypeGroup (name)",
    "EstablishmentStatus (name)",
    "OpenDate",
    "CloseDate",
    "PhaseOfEducation (name)",
    "StatutoryLowAge",
    "StatutoryHighAge",
    "NumberOfPupils",
    "Trusts (name)",
    "Town",
    "Postcode",
    "GOR (name)",
]


def school_row(urn=881001, **changes) -> dict:
    row = {
        "URN": urn,
        "LA (code)": "881",
        "LA (name)": "Essex",
        "EstablishmentNumber": "2001",
        "EstablishmentName": f"School {urn} Primary",
        "TypeOfEstablishment (name)": "Community school",
        "EstablishmentTypeGroup (name)": "Local authority maintained schools",
        "EstablishmentStatus (name)": "Open",
        "OpenDate": "01-09-1975",
        "CloseDate": "",
        "PhaseOfEducation (name)": "Primary",
        "StatutoryLowAge": 4,
        "StatutoryHighAge": 11,
        "NumberOfPupils": "210",
        "Trusts (name)": "",
        "Town": "Harlow",
        "Postcode": "CM20 1AA",
        "GOR (name)": "East of England",
    }
    row.update(changes)
    return row


def write_csv(tmp_path, rows, header=HEADER, name="edubasealldata.csv", encoding="cp1252"):
    """An extract as GIAS writes it: cp1252, every text value quoted, numbers not."""
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(column, "") for column in header])
    path = tmp_path / name
    path.write_bytes(out.getvalue().encode(encoding))
    return path


def run(path, *args):
    stdout, stderr = io.StringIO(), io.StringIO()
    call_command("import_gias", str(path), *args, stdout=stdout, stderr=stderr)
    return stdout.getvalue(), stderr.getvalue()


def test_it_imports_a_good_extract(db, tmp_path):
    path = write_csv(
        tmp_path,
        [
            school_row(881001, EstablishmentName="Harlow Fields Primary"),
            school_row(
                881002,
                **{
                    "EstablishmentName": "Passmores Academy",
                    "TypeOfEstablishment (name)": "Academy converter",
                    "EstablishmentTypeGroup (name)": "Academies",
                    "EstablishmentStatus (name)": "Open, but proposed to close",
                    "PhaseOfEducation (name)": "Secondary",
                    "StatutoryLowAge": 11,
                    "StatutoryHighAge": 16,
                    "NumberOfPupils": "1150",
                    "Trusts (name)": "Passmores Co-operative Learning Community",
                    "CloseDate": "31-08-2026",
                },
            ),
            school_row(
                926001,
                **{
                    "LA (code)": "926",
                    "LA (name)": "Norfolk",
                    "EstablishmentStatus (name)": "Closed",
                    "PhaseOfEducation (name)": "16 plus",
                    "NumberOfPupils": "",
                    "OpenDate": "",
                    "CloseDate": "31-07-2009",
                },
            ),
        ],
    )

    stdout, _ = run(path)

    assert "3 created, 0 updated, 0 unchanged, 0 rejected" in stdout
    assert "LAs: 2 created" in stdout
    academy = School.objects.get(urn=881002)
    assert academy.name == "Passmores Academy"
    assert academy.la.name == "Essex"
    assert academy.la.region == "East of England"
    assert academy.type == "Academy converter"
    assert academy.type_group == "Academies"
    assert academy.status == School.Status.OPEN_PROPOSED_TO_CLOSE
    assert academy.phase == School.Phase.SECONDARY
    assert (academy.statutory_low_age, academy.statutory_high_age) == (11, 16)
    assert academy.pupils == 1150
    assert academy.trust_name == "Passmores Co-operative Learning Community"
    assert academy.town == "Harlow"
    assert academy.postcode == "CM20 1AA"
    assert academy.opened_on == date(1975, 9, 1)
    assert academy.closed_on == date(2026, 8, 31)
    closed = School.objects.get(urn=926001)
    assert closed.status == School.Status.CLOSED
    assert closed.phase == School.Phase.SIXTEEN_PLUS
    assert closed.pupils is None
    assert closed.opened_on is None
    assert closed.la.code == "926"


def test_it_leaves_a_reimported_extract_unchanged(db, tmp_path):
    path = write_csv(tmp_path, [school_row(881001), school_row(881002)])
    run(path)

    stdout, _ = run(path)

    assert "0 created, 0 updated, 2 unchanged, 0 rejected" in stdout
    assert "LAs: 0 created, 0 updated" in stdout


def test_it_updates_a_changed_row_and_keeps_its_memberships(db, tmp_path):
    essex = LocalAuthorityFactory(code="881", name="Essex", region="East of England")
    school = SchoolFactory(urn=881001, la=essex, name="Old Name Infants")
    MembershipFactory(school=school, cluster__host_la=essex)
    path = write_csv(
        tmp_path,
        [school_row(881001, EstablishmentName="New Name Primary", NumberOfPupils="415")],
    )

    stdout, _ = run(path)

    assert "0 created, 1 updated, 0 unchanged" in stdout
    school.refresh_from_db()
    assert school.name == "New Name Primary"
    assert school.pupils == 415
    assert school.pk == School.objects.get(urn=881001).pk
    assert school.memberships.count() == 1


def test_it_updates_only_the_changed_rows_of_a_new_extract(db, tmp_path):
    run(write_csv(tmp_path, [school_row(881001), school_row(881002), school_row(881003)]))
    closing = {"EstablishmentStatus (name)": "Closed", "CloseDate": "31-08-2024"}
    moved = {"LA (code)": "926", "LA (name)": "Norfolk", "GOR (name)": "East of England"}
    path = write_csv(
        tmp_path,
        [
            school_row(881001, NumberOfPupils="", **closing),
            school_row(881002),
            school_row(881003, StatutoryLowAge="", Town="Thetford", **moved),
        ],
        name="next-month.csv",
    )

    stdout, _ = run(path)

    assert "0 created, 2 updated, 1 unchanged" in stdout
    closed = School.objects.get(urn=881001)
    assert (closed.status, closed.closed_on, closed.pupils) == ("closed", date(2024, 8, 31), None)
    moved_school = School.objects.get(urn=881003)
    assert (moved_school.la.name, moved_school.town) == ("Norfolk", "Thetford")
    assert moved_school.statutory_low_age is None
    assert School.objects.get(urn=881002).pupils == 210


def test_it_updates_an_la_renamed_in_the_extract(db, tmp_path):
    LocalAuthorityFactory(code="881", name="Essex CC", region="")
    path = write_csv(tmp_path, [school_row(881001)])

    stdout, _ = run(path)

    assert "LAs: 0 created, 1 updated" in stdout
    essex = LocalAuthority.objects.get(code="881")
    assert (essex.name, essex.region) == ("Essex", "East of England")


def test_it_imports_nothing_when_a_row_is_bad(db, tmp_path):
    path = write_csv(
        tmp_path,
        [
            school_row(881001),
            school_row("88100X"),
            school_row(881003, OpenDate="1975-09-01"),
            school_row(881004),
        ],
    )

    with pytest.raises(CommandError, match=r"Nothing imported: 2 of 4 rows are bad"):
        run(path)

    assert School.objects.count() == 0
    assert LocalAuthority.objects.count() == 0


def test_it_lists_bad_rows_with_their_line_numbers(db, tmp_path):
    path = write_csv(
        tmp_path,
        [school_row(881001), school_row("88100X"), school_row(881003, OpenDate="1975-09-01")],
    )

    with pytest.raises(BadRowsError) as raised:
        import_register(path=path)

    assert [str(error) for error in raised.value.errors] == [
        "line 3: URN: '88100X' is not a URN (a whole number)",
        "line 4: OpenDate: '1975-09-01' is not a date in the form DD-MM-YYYY",
    ]


def test_it_prints_the_error_report_before_failing(db, tmp_path):
    path = write_csv(tmp_path, [school_row(881001), school_row(881002, CloseDate="31/08/2020")])
    stderr = io.StringIO()

    with pytest.raises(CommandError):
        call_command("import_gias", str(path), stdout=io.StringIO(), stderr=stderr)

    assert "line 3: CloseDate: '31/08/2020' is not a date in the form DD-MM-YYYY" in (
        stderr.getvalue()
    )


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"URN": ""}, "line 2: URN: '' is not a URN"),
        ({"URN": "-5"}, "line 2: URN: '-5' is not a URN"),
        ({"EstablishmentName": ""}, "line 2: EstablishmentName: is empty"),
        ({"EstablishmentName": "x" * 201}, "EstablishmentName: is longer than 200"),
        ({"EstablishmentStatus (name)": "Open-ish"}, "'Open-ish' is not a status we know"),
        ({"PhaseOfEducation (name)": "Infant"}, "'Infant' is not a phase we know"),
        ({"StatutoryLowAge": "four"}, "StatutoryLowAge: 'four' is not an age"),
        ({"StatutoryHighAge": 3}, "StatutoryHighAge: 3 is below the low age 4"),
        ({"NumberOfPupils": "2.5"}, "NumberOfPupils: '2.5' is not a number of pupils"),
        ({"OpenDate": "31-02-2001"}, "OpenDate: '31-02-2001' is not a real date"),
        ({"LA (code)": "88"}, "LA (code): '88' is not a three-digit LA code"),
        ({"LA (code)": "E10000012"}, "'E10000012' is not a three-digit LA code"),
        ({"LA (name)": ""}, "LA (name): is empty"),
        ({"Postcode": "CM20 1AA EXTRA"}, "Postcode: is longer than 10 characters"),
        # Digits of other scripts: isdigit() says yes, so they need refusing by name.
        ({"URN": "²"}, "line 2: URN: '²' is not a URN"),
        ({"NumberOfPupils": "2³"}, "NumberOfPupils: '2³' is not a number of pupils"),
    ],
)
def test_it_rejects_a_bad_value(db, tmp_path, changes, expected):
    path = write_csv(tmp_path, [school_row(881001, **changes)])

    with pytest.raises(BadRowsError) as raised:
        import_register(path=path)

    assert expected in str(raised.value.errors[0])
    assert School.objects.count() == 0


def test_it_rejects_a_urn_repeated_in_the_file(db, tmp_path):
    path = write_csv(tmp_path, [school_row(881001), school_row(881002), school_row(881001)])

    with pytest.raises(BadRowsError) as raised:
        import_register(path=path)

    assert str(raised.value.errors[0]) == "line 4: URN: 881001 is also on line 2"


def test_it_accepts_any_three_digit_la_code(db, tmp_path):
    row = school_row(881001, **{"LA (code)": "000", "LA (name)": "Does not apply"})
    path = write_csv(tmp_path, [row])

    import_register(path=path)

    assert School.objects.get(urn=881001).la.name == "Does not apply"


def test_it_imports_the_good_rows_when_skipping_bad_rows(db, tmp_path):
    path = write_csv(
        tmp_path,
        [
            school_row(881001),
            school_row("88100X"),
            school_row(881003, OpenDate="1975-09-01"),
            school_row(881004),
        ],
    )

    stdout, stderr = run(path, "--skip-bad-rows")

    assert "2 created, 0 updated, 0 unchanged, 2 rejected" in stdout
    assert "line 3: URN" in stderr
    assert "line 4: OpenDate" in stderr
    assert sorted(School.objects.values_list("urn", flat=True)) == [881001, 881004]


def test_it_fails_when_skipping_leaves_nothing_to_import(db, tmp_path):
    path = write_csv(tmp_path, [school_row("x"), school_row("y")])

    with pytest.raises(CommandError, match="Nothing imported: all 2 rows are bad"):
        run(path, "--skip-bad-rows")


def test_it_writes_every_error_to_an_error_report(db, tmp_path):
    path = write_csv(tmp_path, [school_row(881001), school_row(881002, StatutoryLowAge="x")])
    report = tmp_path / "errors.csv"

    with pytest.raises(CommandError):
        run(path, "--error-report", str(report))

    assert report.read_text().splitlines() == [
        "line,column,message",
        "3,StatutoryLowAge,'x' is not an age (a whole number from 0 to 99)",
    ]


def test_it_names_a_missing_required_column(db, tmp_path):
    header = [column for column in HEADER if column != "EstablishmentStatus (name)"]
    path = write_csv(tmp_path, [school_row(881001)], header=header)

    with pytest.raises(
        CommandError, match=r'missing required column "EstablishmentStatus \(name\)"'
    ):
        run(path)


def test_it_reads_extra_and_reordered_columns(db, tmp_path):
    header = ["Postcode", "EstablishmentName", "SchoolWebsite", "URN", "LA (name)", "LA (code)"]
    header += ["EstablishmentStatus (name)", "HeadLastName", "NumberOfPupils"]
    row = school_row(881001, SchoolWebsite="www.example.sch.uk", HeadLastName="Allan")

    import_register(path=write_csv(tmp_path, [row], header=header))

    school = School.objects.get(urn=881001)
    assert (school.name, school.postcode, school.pupils) == (
        "School 881001 Primary",
        "CM20 1AA",
        210,
    )
    assert school.phase == School.Phase.NOT_APPLICABLE  # no phase column: the default


def test_it_leaves_fields_alone_when_their_optional_column_is_missing(db, tmp_path):
    essex = LocalAuthorityFactory(code="881", name="Essex", region="East of England")
    SchoolFactory(urn=881001, la=essex, name="School 881001 Primary", trust_name="Oak Trust")
    header = [column for column in HEADER if column not in ("Trusts (name)", "GOR (name)")]

    import_register(path=write_csv(tmp_path, [school_row(881001)], header=header))

    school = School.objects.get(urn=881001)
    assert school.trust_name == "Oak Trust"
    assert school.la.region == "East of England"


def test_it_round_trips_curly_quotes_in_cp1252(db, tmp_path):
    path = write_csv(tmp_path, [school_row(881001, EstablishmentName="St Mary’s C of E Primary")])
    assert b"St Mary\x92s" in path.read_bytes()

    import_register(path=path)

    assert School.objects.get(urn=881001).name == "St Mary’s C of E Primary"


def test_it_says_when_a_file_is_not_cp1252(db, tmp_path):
    path = tmp_path / "edubasealldata.csv"
    path.write_bytes(b'"URN","LA (code)"\r\n100000,"201"\r\n100001,"\x81"\r\n')

    with pytest.raises(GiasFormatError, match="line 3: byte 0x81 is not cp1252"):
        import_register(path=path)


# --- Hostile and re-saved files -------------------------------------------------------------
def register_snapshot() -> list:
    """Everything an import could change, to show that a refused file changed nothing."""
    return [
        list(LocalAuthority.objects.order_by("code").values()),
        list(School.objects.order_by("urn").values()),
    ]


@pytest.fixture
def existing_school(db):
    essex = LocalAuthorityFactory(code="881", name="Essex", region="East of England")
    return SchoolFactory(urn=881001, la=essex, name="Harlow Fields Primary")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig"])
def test_it_reads_an_extract_re_saved_as_utf8(db, tmp_path, encoding):
    # Excel's "CSV UTF-8" adds a byte order mark; other editors don't.
    name = "École Française de Londres – Ŵyl"
    path = write_csv(tmp_path, [school_row(881001, EstablishmentName=name)], encoding=encoding)

    import_register(path=path)

    assert School.objects.get(urn=881001).name == name


def test_it_reads_cp1252_bytes_that_are_not_utf8_as_cp1252(db, tmp_path):
    path = write_csv(tmp_path, [school_row(881001, EstablishmentName="École Élémentaire")])
    assert b"\xc9cole \xc9l\xe9mentaire" in path.read_bytes()

    import_register(path=path)

    assert School.objects.get(urn=881001).name == "École Élémentaire"


def test_it_names_the_encodings_it_tried(existing_school, tmp_path):
    before = register_snapshot()
    path = write_csv(tmp_path, [school_row(881001), school_row(881002)])
    # 0x81 is undefined in cp1252, and a lone continuation byte is not UTF-8.
    path.write_bytes(path.read_bytes().replace(b"Harlow", b"Harl\x81w"))

    with pytest.raises(CommandError) as raised:
        run(path)

    assert str(raised.value) == (
        f"{path}: line 2: byte 0x81 is not cp1252 text, and the file is not UTF-8 either "
        "(line 2: byte 0x81); tried UTF-8 and Windows-1252 (cp1252), the encodings a GIAS "
        "extract comes in"
    )
    assert register_snapshot() == before


def test_it_refuses_a_utf8_marked_file_that_is_not_utf8(db, tmp_path):
    path = write_csv(tmp_path, [school_row(881001), school_row(881002)], encoding="utf-8-sig")
    path.write_bytes(path.read_bytes().replace(b"School 881002", b"School \xe9 881002"))

    with pytest.raises(GiasFormatError) as raised:
        import_register(path=path)

    assert str(raised.value) == (
        "line 3: byte 0xe9 is not UTF-8 text, though the file starts with UTF-8's byte "
        "order mark; tried UTF-8 only"
    )
    assert School.objects.count() == 0


@pytest.mark.parametrize("chunk_size", [1, 7, 64])
def test_it_finds_bad_bytes_and_characters_across_chunks(monkeypatch, chunk_size):
    # The file is read a chunk at a time: a character split between two chunks is
    # still UTF-8, and a bad byte's line is counted across chunks.
    monkeypatch.setattr(gias_parse, "CHUNK_SIZE", chunk_size)
    utf8 = "URN,Name\n1,École\n2,Ŵyl\n".encode()
    bad = b"URN,Name\n1,Ecole\n2,\xc3\x28\n3,\x9d\n"

    assert gias_parse.sniff_encoding(io.BytesIO(utf8)) == ("utf-8", 3)
    assert gias_parse.sniff_encoding(io.BytesIO(codecs.BOM_UTF8 + utf8)) == ("utf-8-sig", 3)
    assert gias_parse.sniff_encoding(io.BytesIO(b"URN,Name\n1,\xc9cole\n")) == ("cp1252", 2)
    with pytest.raises(GiasFormatError, match=r"^line 4: byte 0x9d is not cp1252 .* \(line 3: "):
        gias_parse.sniff_encoding(io.BytesIO(bad))


def test_it_refuses_a_huge_value_naming_its_line(existing_school, tmp_path):
    before = register_snapshot()
    limit = csv.field_size_limit()
    path = write_csv(
        tmp_path,
        [
            school_row(881001, EstablishmentName="Renamed Primary"),
            school_row(881002, EstablishmentName="x" * 200_000),
            school_row(881003, OpenDate="1975-09-01"),
        ],
    )

    with pytest.raises(CommandError, match="Nothing imported: 2 of 3 rows are bad"):
        run(path)

    with pytest.raises(BadRowsError) as raised:
        import_register(path=path)
    # The rows after the huge one are still read, and their lines still counted.
    assert [str(error) for error in raised.value.errors] == [
        "line 3: (row): a value is longer than 4,096 characters, far longer than any field "
        "of the register",
        "line 4: OpenDate: '1975-09-01' is not a date in the form DD-MM-YYYY",
    ]
    assert register_snapshot() == before
    assert csv.field_size_limit() == limit  # the process-wide limit is put back


def test_it_skips_a_huge_value_when_skipping_bad_rows(db, tmp_path):
    path = write_csv(
        tmp_path,
        [school_row(881001), school_row(881002, Town="x" * 200_000), school_row(881003)],
    )

    stdout, stderr = run(path, "--skip-bad-rows")

    assert "2 created, 0 updated, 0 unchanged, 1 rejected" in stdout
    assert "line 3: (row): a value is longer than 4,096 characters" in stderr
    assert sorted(School.objects.values_list("urn", flat=True)) == [881001, 881003]


@pytest.mark.parametrize(
    ("column", "value", "code"),
    [
        ("EstablishmentName", "Evil\x00Primary", "U+0000"),
        ("EstablishmentName", "Evil\tPrimary", "U+0009"),
        ("EstablishmentName", "Evil Primary\r\nBcc: x@example.org", "U+000D"),
        ("Town", "Har\x1blow", "U+001B"),
        ("Trusts (name)", "Oak\x7fTrust", "U+007F"),
        ("LA (name)", "Es\x00sex", "U+0000"),
        ("GOR (name)", "East\nof England", "U+000A"),
        ("EstablishmentStatus (name)", "Open\x00", "U+0000"),
    ],
)
def test_it_refuses_control_characters_in_text(existing_school, tmp_path, column, value, code):
    before = register_snapshot()
    path = write_csv(tmp_path, [school_row(881002), school_row(881001, **{column: value})])

    with pytest.raises(CommandError, match="Nothing imported: 1 of 2 rows are bad"):
        run(path)

    with pytest.raises(BadRowsError) as raised:
        import_register(path=path)
    assert [str(error) for error in raised.value.errors] == [
        f"line 3: {column}: contains a control character ({code})"
    ]
    assert register_snapshot() == before


@pytest.mark.parametrize("character", ["\u2028", "\u2029", "\u0085"])
def test_it_refuses_line_separators_in_a_utf8_file(existing_school, tmp_path, character):
    before = register_snapshot()
    row = school_row(881001, EstablishmentName=f"École{character}Primary")
    path = write_csv(tmp_path, [row], encoding="utf-8")

    with pytest.raises(BadRowsError) as raised:
        import_register(path=path)

    assert [str(error) for error in raised.value.errors] == [
        f"line 2: EstablishmentName: contains a control character (U+{ord(character):04X})"
    ]
    assert register_snapshot() == before


def test_it_refuses_control_characters_in_rows_given_as_dicts(existing_school):
    before = register_snapshot()

    with pytest.raises(BadRowsError) as raised:
        import_register(rows=[school_row(881001, EstablishmentName="Evil\x00Primary")])

    assert str(raised.value.errors[0]) == (
        "line 2: EstablishmentName: contains a control character (U+0000)"
    )
    assert register_snapshot() == before


def test_it_imports_the_real_sample_extract(db):
    path = reference_data_dir() / "gias-edubasealldata-sample.csv"

    stdout, _ = run(path)

    assert "2 created, 0 updated, 0 unchanged, 0 rejected" in stdout
    aldgate = School.objects.get(urn=100000)
    assert aldgate.name == "The Aldgate School"
    assert aldgate.la.code == "201"
    assert aldgate.la.name == "City of London"
    assert aldgate.la.region == "London"
    assert aldgate.type == "Voluntary aided school"
    assert aldgate.phase == School.Phase.PRIMARY
    assert (aldgate.statutory_low_age, aldgate.statutory_high_age, aldgate.pupils) == (3, 11, 276)
    assert aldgate.postcode == "EC3A 5DE"
    girls = School.objects.get(urn=100001)
    assert girls.phase == School.Phase.NOT_APPLICABLE
    assert girls.opened_on == date(1920, 1, 1)
    assert girls.town == "London"


def test_it_shows_progress_on_stderr(db, tmp_path):
    path = write_csv(tmp_path, [school_row(881001 + n) for n in range(2_500)])

    _, stderr = run(path)

    assert "Checking: 2,500/2,500 (100%)" in stderr
    assert "Writing: 2,500/2,500 (100%)" in stderr


def test_it_imports_rows_given_as_dicts(db):
    summary = import_register(rows=[school_row(881001), school_row(881002)])

    assert (summary.created, summary.updated, summary.unchanged) == (2, 0, 0)


def test_it_makes_an_extract_in_the_real_format_that_imports(db, tmp_path):
    out = tmp_path / "extract.csv"
    call_command(
        "make_gias_extract", str(out), "--rows", "300", "--seed", "7", stdout=io.StringIO()
    )

    with out.open(encoding="cp1252", newline="") as file:
        rows = list(csv.reader(file))
    assert tuple(rows[0]) == extract_header()
    assert len(rows[0]) == 139
    assert len(rows) == 301
    stdout, _ = run(out)
    assert "300 created, 0 updated, 0 unchanged, 0 rejected" in stdout
    assert School.objects.exclude(la__code="000").filter(la__region="").count() == 0


def test_it_makes_the_same_extract_from_the_same_seed(db):
    assert list(synthetic_extract_rows(50, 3)) == list(synthetic_extract_rows(50, 3))
    assert list(synthetic_extract_rows(50, 3)) != list(synthetic_extract_rows(50, 4))


def test_it_makes_more_rows_than_there_are_real_establishments(db):
    rows = list(synthetic_extract_rows(49_600, 0))

    assert len({row["URN"] for row in rows}) == 49_600
    proposed = [row for row in rows if row["EstablishmentStatus (name)"] == "Proposed to open"]
    assert len(proposed) >= 86
    summary = import_register(rows=rows[-200:])
    assert summary.created == 200


def test_the_base_app_does_not_import_devtools():
    # networks is the base layer: the synthetic extract lives in devtools, above it.
    base = Path(settings.BASE_DIR) / "networks"
    importers = []
    for module in base.rglob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(), filename=str(module))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            if any(name.split(".")[0] == "devtools" for name in names):
                importers.append(str(module.relative_to(base)))

    assert importers == []
