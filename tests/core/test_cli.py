"""The command line as a user types it: init, demo-data, search in both scripts, check, --help."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, lang: str = "ru", check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ORALMAN_DESK_LANG": lang}
    return subprocess.run(
        [sys.executable, "-m", "oralman_desk", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        check=check,
        timeout=120,
    )


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "x.db"
    out = run(
        "--db",
        str(path),
        "init",
        "--centre-name-kk",
        "Шымкент қаласының ОБЫО",
        "--centre-name-ru",
        "ЦАИО города Шымкент",
        "--centre-type",
        "caio",
        "--region",
        "79",
    )
    assert "ЦАИО города Шымкент" in out.stdout
    out = run("--db", str(path), "demo-data", "--families", "200", "--seed", "1")
    assert "200" in out.stdout
    return path


def test_search_finds_the_same_person_in_cyrillic_and_latin(demo_db: Path) -> None:
    import sqlite3

    con = sqlite3.connect(demo_db)
    surname, given, surname_latin = con.execute(
        "SELECT surname, given_name, surname_latin FROM person "
        "WHERE surname_latin <> '' ORDER BY num LIMIT 1 OFFSET 17"
    ).fetchone()
    con.close()
    cyr = run("--db", str(demo_db), "search", surname, given).stdout
    lat = run("--db", str(demo_db), "search", surname_latin).stdout
    assert f"{surname} {given}" in cyr
    assert f"{surname} {given}" in lat


def test_search_by_iin_prefix(demo_db: Path) -> None:
    import sqlite3

    con = sqlite3.connect(demo_db)
    iin, surname = con.execute(
        "SELECT iin, surname FROM person WHERE iin IS NOT NULL ORDER BY num LIMIT 1"
    ).fetchone()
    con.close()
    out = run("--db", str(demo_db), "search", iin[:8]).stdout
    assert iin in out and surname in out


def test_demo_data_is_deterministic_for_a_seed(tmp_path: Path) -> None:
    import sqlite3

    dumps = []
    for name in ("a.db", "b.db"):
        path = tmp_path / name
        run("--db", str(path), "demo-data", "--families", "30", "--seed", "5")
        con = sqlite3.connect(path)
        dumps.append(
            con.execute(
                "SELECT hex(id), surname, given_name, surname_latin, birth_date, iin FROM person "
                "ORDER BY num"
            ).fetchall()
        )
        con.close()
    assert dumps[0] == dumps[1] and len(dumps[0]) > 30


def test_check_reports_a_healthy_database(demo_db: Path) -> None:
    out = run("--db", str(demo_db), "check")
    assert out.returncode == 0
    assert out.stdout.count("✓") == 4


def test_check_reports_a_broken_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.db"
    path.write_bytes(b"not a database at all" * 100)
    out = run("--db", str(path), "check", check=False)
    assert out.returncode != 0
    assert path.read_bytes() == b"not a database at all" * 100


def test_help_speaks_the_users_language() -> None:
    kk = run("--help", lang="kk").stdout
    ru = run("--help", lang="ru").stdout
    assert "demo-data" in kk and "demo-data" in ru
    assert kk != ru
    assert "қолдан" in kk.lower() or "пайдалан" in kk.lower()
    assert "использование" in ru.lower() or "использ" in ru.lower()
    ru_init = run("init", "--help", "--lang", "ru").stdout
    assert "КАТО" in ru_init


def test_init_refuses_an_unknown_region_and_says_which_field(tmp_path: Path) -> None:
    out = run(
        "--db",
        str(tmp_path / "n.db"),
        "init",
        "--centre-name-kk",
        "А",
        "--centre-name-ru",
        "Б",
        "--centre-type",
        "caio",
        "--region",
        "99",
        check=False,
    )
    assert out.returncode == 2
    assert "Регион" in out.stderr or "регион" in out.stderr


def test_a_database_from_the_future_is_refused_with_a_message(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "f.db"
    run(
        "--db",
        str(path),
        "init",
        "--centre-name-kk",
        "А",
        "--centre-name-ru",
        "Б",
        "--centre-type",
        "cvr",
        "--region",
        "47",
    )
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num='0999'")
    con.commit()
    con.close()
    out = run("--db", str(path), "search", "Жанар", check=False)
    assert out.returncode == 2 and "0999" in out.stderr
