import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import Env


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("True", True),
        ("true", True),
        ("1", True),
        ("on", True),
        ("False", False),
        ("0", False),
        ("", False),
    ],
)
def test_bool_parses_the_words_people_write(raw, expected):
    assert Env({"FLAG": raw}).bool("FLAG") is expected


def test_bool_refuses_a_word_it_does_not_know():
    with pytest.raises(ImproperlyConfigured, match="FLAG must be true or false"):
        Env({"FLAG": "maybe"}).bool("FLAG")


def test_a_missing_variable_without_default_names_itself():
    with pytest.raises(ImproperlyConfigured, match="SECRET must be set"):
        Env({}).str("SECRET")


def test_defaults_apply_only_when_unset():
    env = Env({"PORT": "8080"})
    assert env.int("PORT", 25) == 8080
    assert env.int("OTHER_PORT", 25) == 25


def test_int_refuses_words():
    with pytest.raises(ImproperlyConfigured, match="whole number"):
        Env({"PORT": "eighty"}).int("PORT")


def test_list_splits_on_commas_and_drops_blanks():
    assert Env({"HOSTS": "a.example, b.example,,"}).list("HOSTS") == ["a.example", "b.example"]


def test_database_defaults_to_sqlite_in_the_given_file(tmp_path):
    config = Env({}).database(default_sqlite=tmp_path / "db.sqlite3")
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"] == str(tmp_path / "db.sqlite3")


def test_database_reads_a_postgres_url(tmp_path):
    config = Env({"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/hub"}).database(
        default_sqlite=tmp_path / "db.sqlite3"
    )
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["NAME"], config["HOST"], config["PORT"]) == ("hub", "127.0.0.1", 5432)


def test_database_refuses_an_unknown_scheme(tmp_path):
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        Env({"DATABASE_URL": "nosuchdb://x"}).database(default_sqlite=tmp_path / "db.sqlite3")
