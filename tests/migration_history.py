"""The server's and the laptop's migration-history tests share these: walk an Alembic history one revision at a time
on a real database (down and up again at each step), compare the head with the models, and read a migration file
for what it takes from the application's live code."""

from __future__ import annotations

import ast
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, MetaData, inspect


def revisions(config: Config) -> list[tuple[str, str]]:
    """Each revision with the one before it ("base" for the first), from the first to the head: one line, one head."""
    script = ScriptDirectory.from_config(config)
    assert len(script.get_heads()) == 1, f"the history has several heads: {script.get_heads()}"
    steps = []
    for revision in reversed(list(script.walk_revisions())):
        assert not isinstance(revision.down_revision, tuple), f"{revision.revision} merges branches"
        steps.append((revision.revision, revision.down_revision or "base"))
    return steps


def _run(engine: Engine, config: Config, action: Callable[[Config, str], None], target: str) -> None:
    with engine.begin() as conn:  # one transaction per step, as the server's and the store's migrate() do
        config.attributes["connection"] = conn
        action(config, target)


def schema_of(engine: Engine, *, column_order: bool = True) -> dict[str, Any]:
    """The tables the database holds as SQLAlchemy reflects them: columns (name, type, nullable, default; in order,
    or by name), primary key, foreign keys, unique constraints and indexes (with their dialect options, e.g. a
    partial index's predicate). Alembic's own version table is left out."""
    inspector = inspect(engine)
    tables = {}
    for table in sorted(set(inspector.get_table_names()) - {"alembic_version"}):
        columns = [(c["name"], str(c["type"]), c["nullable"], c.get("default")) for c in inspector.get_columns(table)]
        tables[table] = {
            "columns": columns if column_order else sorted(columns),
            "primary key": inspector.get_pk_constraint(table)["constrained_columns"],
            "foreign keys": sorted(
                (fk["constrained_columns"], fk["referred_table"], fk["referred_columns"])
                for fk in inspector.get_foreign_keys(table)
            ),
            "unique": sorted((u["name"] or "", u["column_names"]) for u in inspector.get_unique_constraints(table)),
            "indexes": sorted(
                (
                    i["name"] or "",
                    i["column_names"],
                    bool(i["unique"]),
                    sorted((key, str(value)) for key, value in i.get("dialect_options", {}).items()),
                )
                for i in inspector.get_indexes(table)
            ),
        }
    return tables


def walk(engine: Engine, config: Config) -> None:
    """Upgrade the database from empty to the head, one revision at a time. After each step, downgrade it and check
    the schema is the one before the step, then upgrade again and check it is the one after it."""
    before = schema_of(engine)
    for revision, previous in revisions(config):
        _run(engine, config, command.upgrade, revision)
        after = schema_of(engine)
        _run(engine, config, command.downgrade, previous)
        assert schema_of(engine) == before, f"downgrading {revision} to {previous} does not undo it"
        _run(engine, config, command.upgrade, revision)
        assert schema_of(engine) == after, f"upgrading to {revision} again after its downgrade differs"
        before = after


def _made_on(obj: Any, dialect: str) -> bool:
    """Whether creating `obj` from its metadata makes it on this dialect: not for an index declared with
    `ddl_if(dialect=...)` for another one (Alembic's comparison does not look at that condition itself)."""
    condition = getattr(obj, "_ddl_if", None)
    if condition is None or condition.dialect is None:
        return True
    wanted = condition.dialect
    return dialect == wanted if isinstance(wanted, str) else dialect in wanted


def drift(engine: Engine, metadata: MetaData | Sequence[MetaData], *, made_by_sql: tuple[str, ...] = ()) -> list[Any]:
    """What Alembic's autogenerate would change to bring the database to `metadata` (empty: nothing): each table,
    column, type, nullability, server default, index, unique constraint and foreign key that differs. Tables whose
    names start with one of `made_by_sql` are left out (the database makes them by SQL, not from the models)."""

    def include(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
        if type_ == "table" and name is not None and name.startswith(made_by_sql):
            return False
        return reflected or _made_on(obj, engine.dialect.name)

    with engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"include_object": include, "compare_type": True, "compare_server_default": True}
        )
        return compare_metadata(context, metadata)  # type: ignore[arg-type]  (a sequence of MetaData is fine)


def differences_from_create_all(
    migrated: Engine, empty: Engine, metadata: MetaData | Sequence[MetaData], *, made_by_sql: tuple[str, ...] = ()
) -> dict[str, tuple[Any, Any]]:
    """Build `metadata` in the empty database with create_all, as a new database would be without migrations, and
    compare the two as reflected (columns by name: a column a migration added comes last): {table: (migrated's,
    create_all's)} for each table that differs. This sees what Alembic's comparison does not, such as a partial
    index's predicate. Tables whose names start with one of `made_by_sql` are left out."""
    with empty.begin() as conn:
        for each in (metadata,) if isinstance(metadata, MetaData) else metadata:
            each.create_all(conn)
    ours = {name: t for name, t in schema_of(migrated, column_order=False).items() if not name.startswith(made_by_sql)}
    theirs = schema_of(empty, column_order=False)
    return {
        name: (ours.get(name), theirs.get(name))
        for name in ours.keys() | theirs.keys()
        if ours.get(name) != theirs.get(name)
    }


_ALLOWED_MODULES = {"alembic", "sqlalchemy"} | set(sys.stdlib_module_names)


def _allowed(module: str) -> bool:
    """Whether a migration may import `module`: of sqlmodel only its column types (`sqlmodel.sql...`)."""
    if module.split(".")[0] == "sqlmodel":
        return module == "sqlmodel" or module.startswith("sqlmodel.sql")
    return module.split(".")[0] in _ALLOWED_MODULES


#: Names through which a migration could reach the models' live MetaData without importing the application
#: (`SQLModel.metadata`, `table.metadata`, the environment's `target_metadata`); a local `metadata` of its own is fine.
_LIVE_SCHEMA_NAMES = {"target_metadata", "SQLModel"}


def live_code_uses(versions: Path) -> list[str]:
    """Where the migration files in `versions` take something that later code could change under them, as
    "file:line what": an import of anything but the standard library, Alembic, SQLAlchemy and sqlmodel's column
    types (above all of the application itself: fieldcrm.models, fieldcrm.server.tables, fieldcrm.store.search_index
    ...), relative ones included, a module named in a string (a dynamic import), and any reach for a live MetaData
    (`x.metadata`, `target_metadata`, `SQLModel`). Empty: every file states what it does itself."""
    found = []
    for path in sorted(versions.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            where = f"{path.name}:{getattr(node, 'lineno', 0)}"
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module == "sqlmodel" and not node.level:
                modules = [f"sqlmodel.{alias.name}" for alias in node.names]  # `sql` is fine, `SQLModel` is not
            elif isinstance(node, ast.ImportFrom):
                modules = ["." * node.level + (node.module or "")]
            else:
                modules = []
            found += [f"{where} imports {module}" for module in modules if not _allowed(module)]
            if isinstance(node, ast.Attribute) and node.attr in _LIVE_SCHEMA_NAMES | {"metadata"}:
                found.append(f"{where} reads .{node.attr}")
            elif isinstance(node, ast.Name) and node.id in _LIVE_SCHEMA_NAMES:
                found.append(f"{where} uses {node.id}")
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                if node.value.startswith("fieldcrm") or node.value in _LIVE_SCHEMA_NAMES:
                    found.append(f"{where} names {node.value!r}")
    return found
