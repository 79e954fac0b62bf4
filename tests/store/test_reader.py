"""The light reader the GUI starts with: the head revision without Alembic, the store's revision, read queries."""

import shutil
from pathlib import Path

from fieldcrm.paths import resolve_paths
from fieldcrm.services import Services
from fieldcrm.services.userinfo import current_user
from fieldcrm.store import Store, cipher
from fieldcrm.store.migrate import head_revision as alembic_head
from fieldcrm.store.reader import ReadStore, head_revision


def test_head_revision_read_from_the_scripts_is_alembics_head() -> None:
    assert head_revision() == alembic_head()


def test_head_revision_is_unknown_when_the_scripts_have_two_heads(tmp_path: Path) -> None:
    from fieldcrm.store.reader import VERSIONS

    shutil.copytree(VERSIONS, tmp_path / "versions")
    (tmp_path / "versions" / "9999_branch.py").write_text('revision = "9999"\ndown_revision = "0002"\n')
    assert head_revision(tmp_path / "versions") is None


def test_reader_knows_a_store_at_head_and_one_that_needs_a_migration(store: Store, tmp_path: Path) -> None:
    reader = ReadStore(store.path)
    try:
        assert reader.revision() == alembic_head()
        assert reader.at_head()
    finally:
        reader.close()
    older = tmp_path / "older.sqlite3"
    shutil.copy(store.path, older)
    with cipher.connect_any(older) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0002'")
    reader = ReadStore(older)
    try:
        assert reader.revision() == "0002"
        assert not reader.at_head()
    finally:
        reader.close()


def test_reader_never_writes(store: Store) -> None:
    reader = ReadStore(store.path)
    try:
        with reader.read_connection() as conn:
            try:
                conn.execute("DELETE FROM customer")
            except cipher.dbapi.OperationalError as exc:
                assert "readonly" in str(exc)
            else:
                raise AssertionError("the reader wrote to the store")
    finally:
        reader.close()


def test_current_user_without_the_orm_is_the_profiles(team_services: dict[str, Services], store: Store) -> None:
    from fieldcrm.services import state, userinfo

    assert userinfo.CURRENT_USER == state.CURRENT_USER
    reader = ReadStore(store.path)
    try:
        assert current_user(reader) == team_services["rep"].profile.current()
        assert current_user(store) == team_services["rep"].profile.current()
    finally:
        reader.close()


def test_no_current_user_on_a_fresh_store(store: Store) -> None:
    assert current_user(store) is None


def test_gui_opens_a_store_at_head_with_the_reader_and_migrates_an_older_one(store: Store) -> None:
    from fieldcrm.app import open_reader

    paths = resolve_paths().ensure()
    assert open_reader(paths) is None  # no store yet: Alembic makes it
    shutil.copy(store.path, paths.database)
    reader = open_reader(paths)
    assert reader is not None
    reader.close()
    with cipher.connect_any(paths.database) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0002'")
    assert open_reader(paths) is None
