"""The normalised search columns: what normalise makes of names, and that every way
of writing a name writes its column too (networks.search.columns)."""

import pytest
from django.db.models import F

from networks.models import Cluster, LocalAuthority, School, User
from networks.search.text import normalise, postcode_key, read_query
from tests.factories import ClusterFactory, LocalAuthorityFactory, SchoolFactory, UserFactory
from tests.networks.test_import_gias import run, school_row, write_csv


@pytest.mark.parametrize(
    ("text", "normalised"),
    [
        ("St Mary's C of E", "st marys c of e"),
        ("ST MARY’S", "st marys"),
        ("École Française", "ecole francaise"),
        ("Ærø & Øster-Straße", "aero and oster strasse"),
        ("  Year_6:   pupil-led!  ", "year 6 pupil led"),
        ("Ysgol Gymraeg Llundain ŵ", "ysgol gymraeg llundain w"),
        ("", ""),
        (None, ""),
    ],
)
def test_normalise(text, normalised):
    assert normalise(text) == normalised


@pytest.mark.parametrize(
    ("postcode", "key"), [("CM20 1AA", "cm20 1aa"), ("cm201aa", "cm20 1aa"), ("b1 1aa", "b1 1aa")]
)
def test_postcode_key(postcode, key):
    assert postcode_key(postcode) == key


@pytest.mark.parametrize(
    ("typed", "postcode", "number"),
    [
        ("CM20 1AA", "cm20 1aa", None),
        ("cm201aa", "cm20 1aa", None),
        ("B11AA", "b1 1aa", None),
        ("cm20", "cm20", None),
        ("114999", "", 114999),
        ("oak", "", None),
        ("st marys primary", "", None),
    ],
)
def test_read_query_recognises_postcodes_and_numbers(typed, postcode, number):
    terms = read_query(typed)
    assert (terms.postcode, terms.number) == (postcode, number)


def test_read_query_keeps_a_few_words_once_each():
    words = read_query("oak OAK a b c d e f g h i").words
    assert words == ("oak", "a", "b", "c", "d", "e", "f", "g")


def test_save_writes_the_columns(db):
    school = SchoolFactory(name="St Mary's", postcode="CM20 1AA")
    assert (school.search_name, school.search_postcode) == ("st marys", "cm20 1aa")
    school.name = "École Saint-Jean"
    school.save(update_fields=["name"])
    assert School.objects.get(pk=school.pk).search_name == "ecole saint jean"


def test_bulk_create_bulk_update_and_update_write_the_columns(db):
    la = LocalAuthorityFactory()
    LocalAuthority.objects.bulk_create([LocalAuthority(code="999", name="Ísle of Wight")])
    assert LocalAuthority.objects.get(code="999").search_name == "isle of wight"
    cluster = Cluster.objects.bulk_create([Cluster(name="Bishop's Cluster", host_la=la)])[0]
    assert Cluster.objects.get(pk=cluster.pk).search_name == "bishops cluster"
    cluster.name = "Queen's Cluster"
    Cluster.objects.bulk_update([cluster], ["name"])
    assert Cluster.objects.get(pk=cluster.pk).search_name == "queens cluster"
    Cluster.objects.filter(pk=cluster.pk).update(name="King’s Cluster")
    assert Cluster.objects.get(pk=cluster.pk).search_name == "kings cluster"
    User.objects.bulk_create([User(email="zoe@example.org", name="Zoë O'Brien")])
    assert User.objects.get(email="zoe@example.org").search_name == "zoe obrien"


def test_update_refuses_an_expression_the_column_cannot_follow(db):
    ClusterFactory()
    with pytest.raises(TypeError, match="search_name cannot follow"):
        Cluster.objects.update(name=F("description"))


def test_user_names_are_searchable(db):
    assert UserFactory(name="Siân Lloyd-Jones").search_name == "sian lloyd jones"


def test_the_register_import_writes_the_columns(db, tmp_path):
    run(write_csv(tmp_path, [school_row(881001, EstablishmentName="St Mary's Primary")]))
    school = School.objects.get(urn=881001)
    assert (school.search_name, school.search_postcode) == ("st marys primary", "cm20 1aa")
    assert LocalAuthority.objects.get(code="881").search_name == "essex"
    # Its fast path for changed rows (a raw UPDATE) too.
    changed = school_row(881001, EstablishmentName="École Notre-Dame", Postcode="CM2 0AA")
    run(write_csv(tmp_path, [changed], name="next.csv"))
    school = School.objects.get(urn=881001)
    assert (school.search_name, school.search_postcode) == ("ecole notre dame", "cm2 0aa")
