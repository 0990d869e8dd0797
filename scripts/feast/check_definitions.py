#!/usr/bin/env python3
"""Checks Feast definition files that the portal's feature-view template generates.

Usage: check_definitions.py FILE [FILE ...]

Each file is compiled (py_compile) and then walked with ast, without being run and without
Feast installed: only the Python standard library of Debian's python3 is used. A file passes when
it holds nothing but

  * `from datetime import timedelta`, and imports from `feast`, `feast.types` and the contrib
    modules below, of the names listed for each (no `import x`, no `*`, no `as`);
  * assignments `name = Call(...)` of a Feast object, and comments;
  * calls of the callables in ALLOWED_CALLS, with only their listed keyword arguments (and
    positional arguments only where listed), whose values are string, number and boolean
    literals, lists, string-to-string dicts, names assigned earlier or imported, and nested
    allowed calls.

Anything else (other imports, functions, classes, loops, attribute access, f-strings, an unknown
keyword argument) is refused with the file, line and column, and the script exits 1. It prints
`ok: FILE` for each file that passes and exits 0 when all do; 2 on a usage error.

The allow-list is written from Feast's Python SDK reference (docs.feast.dev, "Feast Python API")
and its source (sdk/python/feast: entity.py, feature_view.py, field.py, types.py,
infra/offline_stores/*_source.py and contrib/postgres_offline_store/postgres_source.py) for
Feast 0.40; every keyword listed is accepted by Feast 0.40 and by later releases. It is a
subset: only what the generator writes and a few options a person may add by hand.
"""

import ast
import sys
from pathlib import Path

# The shared read / compile / walk / report run lives in scripts/python/ast_allowlist.py.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "python"))
sys.dont_write_bytecode = True  # no __pycache__ beside the shared module
import ast_allowlist  # noqa: E402
from ast_allowlist import Refused  # noqa: E402

FEAST_VERSION = "0.40"

POSTGRES_SOURCE_MODULE = (
    "feast.infra.offline_stores.contrib.postgres_offline_store.postgres_source"
)

# Module -> the names a definitions file may import from it.
ALLOWED_IMPORTS = {
    "datetime": {"timedelta"},
    "feast": {
        "BigQuerySource",
        "Entity",
        "FeatureView",
        "Field",
        "FileSource",
        "RedshiftSource",
        "SnowflakeSource",
    },
    "feast.types": {
        "Array",
        "Bool",
        "Bytes",
        "Float32",
        "Float64",
        "Int32",
        "Int64",
        "String",
        "UnixTimestamp",
    },
    POSTGRES_SOURCE_MODULE: {"PostgreSQLSource"},
}

# Keyword arguments every Feast batch source (DataSource subclass) takes.
_SOURCE_COMMON = {
    "name",
    "timestamp_field",
    "created_timestamp_column",
    "field_mapping",
    "description",
    "tags",
    "owner",
}

# Callable -> its allowed keyword arguments, the ones it requires, and how many positional
# arguments it takes (Feast's constructors are keyword-only in 0.40).
ALLOWED_CALLS = {
    "timedelta": {
        "kwargs": {"days", "seconds", "minutes", "hours", "weeks"},
        "required": set(),
        "positional": 0,
    },
    "Array": {"kwargs": set(), "required": set(), "positional": 1},
    # feast.Entity(*, name, join_keys, value_type, description, tags, owner); value_type needs
    # feast.ValueType, which is not importable here, so Feast infers it from the source.
    "Entity": {
        "kwargs": {"name", "join_keys", "description", "tags", "owner"},
        "required": {"name"},
        "positional": 0,
    },
    # feast.Field(*, name, dtype, description, tags)
    "Field": {
        "kwargs": {"name", "dtype", "description", "tags"},
        "required": {"name", "dtype"},
        "positional": 0,
    },
    # feast.FeatureView(*, name, source, schema, entities, ttl, online, description, tags, owner)
    "FeatureView": {
        "kwargs": {
            "name",
            "source",
            "schema",
            "entities",
            "ttl",
            "online",
            "description",
            "tags",
            "owner",
        },
        "required": {"name", "source"},
        "positional": 0,
    },
    # feast.FileSource(*, path, name, timestamp_field, created_timestamp_column,
    # field_mapping, s3_endpoint_override, description, tags, owner)
    "FileSource": {
        "kwargs": _SOURCE_COMMON | {"path", "s3_endpoint_override"},
        "required": {"name", "path"},
        "positional": 0,
    },
    # feast.BigQuerySource(*, name, timestamp_field, table, created_timestamp_column,
    # field_mapping, query, description, tags, owner)
    "BigQuerySource": {
        "kwargs": _SOURCE_COMMON | {"table", "query"},
        "required": {"name"},
        "positional": 0,
    },
    # feast.SnowflakeSource(*, name, timestamp_field, database, schema, table, query,
    # created_timestamp_column, field_mapping, description, tags, owner)
    "SnowflakeSource": {
        "kwargs": _SOURCE_COMMON | {"database", "schema", "table", "query"},
        "required": {"name"},
        "positional": 0,
    },
    # feast.RedshiftSource(*, name, timestamp_field, table, schema, database,
    # created_timestamp_column, field_mapping, query, description, tags, owner)
    "RedshiftSource": {
        "kwargs": _SOURCE_COMMON | {"table", "schema", "database", "query"},
        "required": {"name"},
        "positional": 0,
    },
    # feast.infra.offline_stores.contrib.postgres_offline_store.postgres_source
    # .PostgreSQLSource(name, query, table, timestamp_field, created_timestamp_column,
    # field_mapping, description, tags, owner)
    "PostgreSQLSource": {
        "kwargs": _SOURCE_COMMON | {"table", "query"},
        "required": {"name"},
        "positional": 0,
    },
}

SOURCES = {
    "FileSource",
    "BigQuerySource",
    "SnowflakeSource",
    "RedshiftSource",
    "PostgreSQLSource",
}
TYPE_NAMES = ALLOWED_IMPORTS["feast.types"] - {"Array"}

# What a keyword argument's value must be, where it matters to Feast beyond being a literal.
STRING_KWARGS = {
    "name",
    "description",
    "owner",
    "path",
    "table",
    "query",
    "schema",  # of a Snowflake or Redshift table; FeatureView's schema is a list of fields
    "database",
    "timestamp_field",
    "created_timestamp_column",
    "s3_endpoint_override",
}
STRING_DICT_KWARGS = {"tags", "field_mapping"}


class Checker:
    def __init__(self):
        self.imported = set()
        # Assigned name -> the callable it holds (Entity, FeatureView, a source, ...).
        self.bound = {}

    def module(self, tree):
        for index, stmt in enumerate(tree.body):
            if (
                index == 0
                and isinstance(stmt, ast.Expr)
                and isinstance(stmt.value, ast.Constant)
                and isinstance(stmt.value.value, str)
            ):
                continue  # a module docstring
            if isinstance(stmt, ast.ImportFrom):
                self.import_from(stmt)
            elif isinstance(stmt, ast.Assign):
                self.assign(stmt)
            else:
                raise Refused(stmt, f"{type(stmt).__name__} statements are not allowed")

    def import_from(self, stmt):
        module = stmt.module or ""
        if stmt.level or module not in ALLOWED_IMPORTS:
            raise Refused(stmt, f"imports from {'.' * stmt.level}{module} are not allowed")
        for alias in stmt.names:
            if alias.name == "*" or alias.asname:
                raise Refused(stmt, f"'{alias.name}' must be imported by its own name")
            if alias.name not in ALLOWED_IMPORTS[module]:
                raise Refused(stmt, f"{module} has no allowed name {alias.name}")
            self.imported.add(alias.name)

    def assign(self, stmt):
        if len(stmt.targets) != 1 or not isinstance(stmt.targets[0], ast.Name):
            raise Refused(stmt, "only `name = Call(...)` assignments are allowed")
        target = stmt.targets[0].id
        if target in self.imported or target in self.bound:
            raise Refused(stmt, f"{target} is assigned twice or shadows an import")
        if not isinstance(stmt.value, ast.Call):
            raise Refused(stmt.value, "only Feast objects may be assigned")
        callee = self.call(stmt.value)
        if callee not in {"Entity", "FeatureView"} | SOURCES:
            raise Refused(stmt.value, f"{callee}(...) may not be assigned at the top level")
        self.bound[target] = callee

    def call(self, node):
        if not isinstance(node.func, ast.Name):
            raise Refused(node, "calls must name an imported callable")
        callee = node.func.id
        spec = ALLOWED_CALLS.get(callee)
        if spec is None:
            raise Refused(node, f"{callee}(...) is not an allowed call")
        if callee not in self.imported:
            raise Refused(node, f"{callee} is called without being imported")
        if len(node.args) > spec["positional"]:
            raise Refused(node, f"{callee}(...) takes keyword arguments only")
        if len(node.args) < spec["positional"]:
            raise Refused(node, f"{callee}(...) takes {spec['positional']} argument(s)")
        given = set()
        for keyword in node.keywords:
            if keyword.arg is None:
                raise Refused(keyword, f"{callee}(**...) is not allowed")
            if keyword.arg not in spec["kwargs"]:
                raise Refused(
                    keyword,
                    f"{callee}() has no keyword argument {keyword.arg!r} in Feast "
                    f"{FEAST_VERSION}'s API",
                )
            given.add(keyword.arg)
            self.keyword(callee, keyword)
        missing = spec["required"] - given
        if missing:
            raise Refused(node, f"{callee}() needs {', '.join(sorted(missing))}")
        if callee == "Array":
            arg = node.args[0]
            if not (isinstance(arg, ast.Name) and arg.id in TYPE_NAMES):
                raise Refused(arg, "Array() takes a primitive feast.types type")
            self.name(arg)
        return callee

    def keyword(self, callee, keyword):
        arg, value = keyword.arg, keyword.value
        if callee == "FeatureView" and arg == "schema":
            if not isinstance(value, ast.List):
                raise Refused(value, "schema must be a list of Field(...)")
            for element in value.elts:
                if not (isinstance(element, ast.Call) and self.call(element) == "Field"):
                    raise Refused(element, "schema must be a list of Field(...)")
        elif arg in STRING_KWARGS:
            self.string(value, f"{callee}({arg}=...)")
        elif arg in STRING_DICT_KWARGS:
            self.string_dict(value, f"{callee}({arg}=...)")
        elif arg == "join_keys":
            # Feast 0.40 takes exactly one join key per entity.
            if not (isinstance(value, ast.List) and len(value.elts) == 1):
                raise Refused(value, "Entity(join_keys=...) takes a list of one name")
            self.string(value.elts[0], "a join key")
        elif arg == "online":
            if not (isinstance(value, ast.Constant) and isinstance(value.value, bool)):
                raise Refused(value, "online must be True or False")
        elif arg in {"days", "seconds", "minutes", "hours", "weeks"}:
            if not (
                isinstance(value, ast.Constant)
                and type(value.value) in (int, float)
                and value.value >= 0
            ):
                raise Refused(value, f"timedelta({arg}=...) takes a number of at least 0")
        elif arg == "ttl":
            if not (isinstance(value, ast.Call) and self.call(value) == "timedelta"):
                raise Refused(value, "ttl must be a timedelta(...)")
        elif arg == "dtype":
            if isinstance(value, ast.Call):
                self.call(value)
                if value.func.id != "Array":
                    raise Refused(value, "dtype must be a feast.types type")
            elif isinstance(value, ast.Name) and value.id in TYPE_NAMES:
                self.name(value)
            else:
                raise Refused(value, "dtype must be a feast.types type")
        elif arg == "entities":
            self.bound_list(value, {"Entity"}, "entities must be a list of Entity names")
        elif arg == "source":
            if not (isinstance(value, ast.Name) and self.bound.get(value.id) in SOURCES):
                raise Refused(value, "source must name a data source assigned above")
        else:
            raise Refused(value, f"no rule for {callee}({arg}=...)")

    def name(self, node):
        if node.id not in self.imported and node.id not in self.bound:
            raise Refused(node, f"{node.id} is not defined")

    def bound_list(self, node, callees, message):
        if not isinstance(node, ast.List):
            raise Refused(node, message)
        for element in node.elts:
            if not (isinstance(element, ast.Name) and self.bound.get(element.id) in callees):
                raise Refused(element, message)

    @staticmethod
    def string(node, what):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
            raise Refused(node, f"{what} must be a string literal")

    def string_dict(self, node, what):
        if not isinstance(node, ast.Dict):
            raise Refused(node, f"{what} must be a dict of strings")
        for key, value in zip(node.keys, node.values):
            if key is None:
                raise Refused(value, f"{what} may not unpack (**) another dict")
            self.string(key, f"a key of {what}")
            self.string(value, f"a value of {what}")


def main(argv):
    return ast_allowlist.main(argv, __doc__.strip().splitlines()[2], Checker)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
