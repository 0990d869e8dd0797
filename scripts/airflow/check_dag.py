#!/usr/bin/env python3
"""Checks the Python files that the portal's ml-pipeline template generates.

Usage: check_dag.py FILE [FILE ...]

The files are a pipeline's Airflow DAG (dag.py) and its data-quality gate
(quality/run_checks.py). Each is compiled (py_compile) and then walked with ast, without being
run and without Airflow, Soda or DuckDB installed: only the Python standard library of Debian's
python3 is used. A file passes when it holds nothing but

  * the imports in ALLOWED_IMPORTS (no `*`; `as` only for `from kubernetes.client import models
    as k8s`, as Airflow's documentation writes it);
  * assignments `name = <call>` of an allowed call's result, and expression statements that are
    allowed calls;
  * at most one `with DAG(...) as dag:` block, holding only `task = KubernetesPodOperator(...)`
    assignments and, last, one chain `a >> b >> ...` that names every task once, in order: the
    tasks run strictly one after the other;
  * calls of the callables in CALLS and of the methods in METHODS on the objects they return,
    with only their listed keyword arguments, no more positional arguments than listed and all
    required ones; argument values are literals, lists, tuples and dicts of them, names bound
    earlier, `__file__`, `HERE / "name"` path joins and nested allowed calls.

Beyond names and keywords it checks what the pipeline relies on: DAG ids and task ids are valid
Airflow keys, task ids are unique, tags are at most 100 characters, no task sets a trigger rule
other than all_success (a failed data-quality gate must stop the tasks after it), and
on_finish_action and image_pull_policy take one of their documented values.

Anything else (other imports, functions, classes, loops, conditionals, attribute access outside
the allowed methods, f-strings, `**kwargs`, an unknown keyword argument) is refused with the file,
line and column, and the script exits 1. It prints `ok: FILE` for each file that passes and exits
0 when all do; 2 on a usage error.

The allow-list is written from the projects' documentation and source, for these versions:

  * Apache Airflow 2.9: airflow.models.dag.DAG.__init__ and BaseOperator.__init__ (the
    "airflow.models" Python API reference and airflow/models/dag.py, baseoperator.py of 2.9);
  * apache-airflow-providers-cncf-kubernetes 8.x (the provider line for Airflow 2.9):
    KubernetesPodOperator.__init__ in airflow/providers/cncf/kubernetes/operators/pod.py and
    its "KubernetesPodOperator" how-to guide;
  * the Kubernetes Python client the provider depends on (kubernetes.client.models):
    V1ResourceRequirements, V1Volume, V1ConfigMapVolumeSource, V1KeyToPath, V1VolumeMount,
    V1EnvVar, from the client's generated model docs; only keywords its releases since 22.x
    all take (checked against the signatures of Debian's python3-kubernetes 22.6);
  * pendulum 2.x and 3.x (both supported by Airflow 2.9): pendulum.datetime, pendulum.duration
    (checked against the signatures of Debian's python3-pendulum 2.1);
  * Soda Core 3.x (soda-core, soda-core-duckdb): soda.scan.Scan, from "Define programmatic
    scans using Python" (docs.soda.io) and soda/core/soda/scan.py;
  * duckdb 1.x, Python API: duckdb.connect and DuckDBPyConnection.execute, sql,
    install_extension, load_extension, close (duckdb.org, "Python API" reference).

It is a subset: what the generator writes and options a person may add by hand whose values are
literals. Callbacks, timedelta-free retry settings and other arguments that take Python objects
the checker cannot see are left out; deprecated arguments (schedule_interval, timetable,
concurrency, is_delete_operator_pod, resources on KubernetesPodOperator) are refused with the
argument that replaces them.
"""

import ast
import re
import sys
from pathlib import Path

# The shared read / compile / walk / report run lives in scripts/python/ast_allowlist.py.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "python"))
sys.dont_write_bytecode = True  # no __pycache__ beside the shared module
import ast_allowlist  # noqa: E402
from ast_allowlist import Refused  # noqa: E402

AIRFLOW = "Airflow 2.9"
PROVIDER = "apache-airflow-providers-cncf-kubernetes 8.x"
K8S = "the Kubernetes Python client"
PENDULUM = "pendulum"
SODA = "Soda Core 3.x"
DUCKDB = "duckdb 1.x"

KPO_MODULE = "airflow.providers.cncf.kubernetes.operators.pod"

# Module -> name -> (the name a file may bind it to, the callable's key in CALLS).
ALLOWED_IMPORTS = {
    "pendulum": {None: "pendulum"},
    "duckdb": {None: "duckdb"},
    "airflow": {"DAG": "DAG"},
    KPO_MODULE: {"KubernetesPodOperator": "KubernetesPodOperator"},
    "kubernetes.client": {"models": "k8s"},
    "pathlib": {"Path": "Path"},
    "soda.scan": {"Scan": "Scan"},
}


class Spec:
    """A callable: the API it belongs to, its positional parameters, every keyword it takes,
    the ones it requires, and the kind of object it returns (for METHODS)."""

    def __init__(self, api, positional=(), keywords=(), required=(), returns=None):
        self.api = api
        self.positional = list(positional)
        self.keywords = set(keywords) | set(positional)
        self.required = set(required)
        self.returns = returns


# BaseOperator.__init__ (Airflow 2.9) arguments whose values are literals.
BASE_OPERATOR = {
    "task_id",
    "owner",
    "email",
    "email_on_retry",
    "email_on_failure",
    "retries",
    "retry_delay",
    "retry_exponential_backoff",
    "max_retry_delay",
    "start_date",
    "end_date",
    "depends_on_past",
    "ignore_first_depends_on_past",
    "wait_for_past_depends_before_skipping",
    "wait_for_downstream",
    "priority_weight",
    "weight_rule",
    "queue",
    "pool",
    "pool_slots",
    "execution_timeout",
    "trigger_rule",
    "run_as_user",
    "max_active_tis_per_dag",
    "max_active_tis_per_dagrun",
    "executor_config",
    "doc",
    "doc_md",
    "doc_rst",
    "doc_json",
    "doc_yaml",
    "task_display_name",
}

# KubernetesPodOperator.__init__ (provider 8.x) arguments whose values are literals or
# kubernetes.client models.
KUBERNETES_POD_OPERATOR = {
    "kubernetes_conn_id",
    "namespace",
    "image",
    "name",
    "random_name_suffix",
    "cmds",
    "arguments",
    "ports",
    "volume_mounts",
    "volumes",
    "env_vars",
    "env_from",
    "in_cluster",
    "cluster_context",
    "labels",
    "reattach_on_restart",
    "startup_timeout_seconds",
    "startup_check_interval_seconds",
    "get_logs",
    "container_logs",
    "image_pull_policy",
    "annotations",
    "container_resources",
    "config_file",
    "node_selector",
    "image_pull_secrets",
    "service_account_name",
    "hostnetwork",
    "tolerations",
    "security_context",
    "container_security_context",
    "dnspolicy",
    "hostname",
    "subdomain",
    "schedulername",
    "init_containers",
    "log_events_on_failure",
    "do_xcom_push",
    "pod_template_file",
    "priority_class_name",
    "termination_grace_period",
    "configmaps",
    "skip_on_exit_code",
    "base_container_name",
    "deferrable",
    "poll_interval",
    "log_pod_spec_on_failure",
    "on_finish_action",
    "termination_message_policy",
    "active_deadline_seconds",
}

# DAG.__init__ (Airflow 2.9) arguments whose values are literals.
DAG_KEYWORDS = {
    "dag_id",
    "description",
    "schedule",
    "start_date",
    "end_date",
    "template_searchpath",
    "default_args",
    "max_active_tasks",
    "max_active_runs",
    "max_consecutive_failed_dag_runs",
    "dagrun_timeout",
    "default_view",
    "orientation",
    "catchup",
    "doc_md",
    "params",
    "access_control",
    "is_paused_upon_creation",
    "render_template_as_native_obj",
    "tags",
    "owner_links",
    "auto_register",
    "fail_stop",
    "dag_display_name",
}

# Arguments that still exist but are deprecated or refused, and what replaces them.
REPLACED = {
    "DAG": {
        "schedule_interval": "schedule",
        "timetable": "schedule",
        "concurrency": "max_active_tasks",
    },
    "KubernetesPodOperator": {
        "is_delete_operator_pod": "on_finish_action",
        "resources": "container_resources",
        "node_selectors": "node_selector",
        "task_concurrency": "max_active_tis_per_dag",
    },
}

CALLS = {
    "DAG": Spec(AIRFLOW, keywords=DAG_KEYWORDS, required={"dag_id"}, returns="DAG object"),
    "KubernetesPodOperator": Spec(
        PROVIDER,
        keywords=KUBERNETES_POD_OPERATOR | BASE_OPERATOR,
        required={"task_id"},
        returns="operator",
    ),
    # pendulum.datetime(year, month, day, hour=0, minute=0, second=0, microsecond=0, tz=UTC)
    "pendulum.datetime": Spec(
        PENDULUM,
        positional=["year", "month", "day", "hour", "minute", "second", "microsecond"],
        keywords={"tz"},
        required={"year", "month", "day"},
    ),
    # pendulum.duration(days=0, seconds=0, microseconds=0, milliseconds=0, minutes=0, hours=0,
    # weeks=0, years=0, months=0)
    "pendulum.duration": Spec(
        PENDULUM,
        keywords={
            "days",
            "seconds",
            "microseconds",
            "milliseconds",
            "minutes",
            "hours",
            "weeks",
            "years",
            "months",
        },
    ),
    "k8s.V1ResourceRequirements": Spec(K8S, keywords={"limits", "requests"}),
    "k8s.V1Volume": Spec(
        K8S,
        keywords={
            "name",
            "config_map",
            "secret",
            "empty_dir",
            "persistent_volume_claim",
            "projected",
            "csi",
            "ephemeral",
            "host_path",
            "nfs",
        },
        required={"name"},
    ),
    "k8s.V1ConfigMapVolumeSource": Spec(
        K8S, keywords={"name", "items", "default_mode", "optional"}
    ),
    "k8s.V1KeyToPath": Spec(K8S, keywords={"key", "path", "mode"}, required={"key", "path"}),
    "k8s.V1VolumeMount": Spec(
        K8S,
        keywords={
            "name",
            "mount_path",
            "read_only",
            "sub_path",
            "sub_path_expr",
            "mount_propagation",
        },
        required={"name", "mount_path"},
    ),
    "k8s.V1EnvVar": Spec(K8S, keywords={"name", "value", "value_from"}, required={"name"}),
    # duckdb.connect(database=":memory:", read_only=False, config=None)
    "duckdb.connect": Spec(
        DUCKDB,
        positional=["database", "read_only", "config"],
        returns="DuckDBPyConnection",
    ),
    "Scan": Spec(SODA, returns="Scan object"),
    "Path": Spec("pathlib", positional=["path"], required={"path"}, returns="Path object"),
    "str": Spec("Python", positional=["object"], required={"object"}),
    "print": Spec("Python", positional=["value"]),
}

METHODS = {
    "DuckDBPyConnection": {
        "execute": Spec(DUCKDB, positional=["query", "parameters"], required={"query"}),
        "sql": Spec(DUCKDB, positional=["query"], keywords={"alias", "params"}, required={"query"}),
        "install_extension": Spec(
            DUCKDB,
            positional=["extension"],
            keywords={"force_install", "repository", "repository_url", "version"},
            required={"extension"},
        ),
        "load_extension": Spec(DUCKDB, positional=["extension"], required={"extension"}),
        "close": Spec(DUCKDB),
    },
    "Scan object": {
        "set_data_source_name": Spec(
            SODA, positional=["data_source_name"], required={"data_source_name"}
        ),
        "set_scan_definition_name": Spec(
            SODA, positional=["scan_definition_name"], required={"scan_definition_name"}
        ),
        "set_verbose": Spec(SODA, positional=["verbose_var"]),
        "set_is_local": Spec(SODA, positional=["local_var"]),
        "add_configuration_yaml_file": Spec(
            SODA, positional=["file_path"], required={"file_path"}
        ),
        "add_configuration_yaml_files": Spec(
            SODA, positional=["path", "recursive", "suffixes"], required={"path"}
        ),
        "add_configuration_yaml_str": Spec(
            SODA,
            positional=["environment_yaml_str", "file_path"],
            required={"environment_yaml_str"},
        ),
        "add_duckdb_connection": Spec(
            SODA,
            positional=["duckdb_connection", "data_source_name"],
            required={"duckdb_connection"},
        ),
        "add_sodacl_yaml_file": Spec(SODA, positional=["file_path"], required={"file_path"}),
        "add_sodacl_yaml_files": Spec(
            SODA, positional=["path", "recursive", "suffixes"], required={"path"}
        ),
        "add_sodacl_yaml_str": Spec(
            SODA, positional=["sodacl_yaml_str"], required={"sodacl_yaml_str"}
        ),
        "add_variables": Spec(SODA, positional=["variables"], required={"variables"}),
        "disable_telemetry": Spec(SODA),
        "execute": Spec(SODA),
        "get_logs_text": Spec(SODA),
        "get_error_logs_text": Spec(SODA),
        "get_checks_fail_text": Spec(SODA),
        "get_all_checks_text": Spec(SODA),
        "has_error_logs": Spec(SODA),
        "has_check_fails": Spec(SODA),
        "assert_no_error_logs": Spec(SODA),
        "assert_no_error_nor_warning_logs": Spec(SODA),
        "assert_no_checks_fail": Spec(SODA),
        "assert_no_checks_warn_or_fail": Spec(SODA),
    },
    "Path object": {"resolve": Spec("pathlib", keywords={"strict"}, returns="Path object")},
}

# Attributes of an object kind that a file may read, and the kind they are.
ATTRIBUTES = {"Path object": {"parent": "Path object"}}

# Keywords whose string value must be one of these.
ENUMS = {
    "trigger_rule": {"all_success"},
    "on_finish_action": {"delete_pod", "delete_succeeded_pod", "keep_pod"},
    "image_pull_policy": {"Always", "IfNotPresent", "Never"},
}

AIRFLOW_KEY = re.compile(r"^[A-Za-z0-9_.-]{1,250}$")
TAG_MAX_LEN = 100


class Checker:
    def __init__(self):
        # Name -> what it is: a module alias ("module:pendulum"), a callable key of CALLS, or
        # the kind of object an assignment bound (DuckDBPyConnection, Scan, Path, operator).
        self.names = {}
        self.tasks = []
        self.task_ids = set()
        self.dag_seen = False

    # Statements -------------------------------------------------------------------------

    def module(self, tree):
        for index, stmt in enumerate(tree.body):
            if index == 0 and isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant):
                if isinstance(stmt.value.value, str):
                    continue  # a module docstring
            if isinstance(stmt, ast.Import):
                self.import_(stmt)
            elif isinstance(stmt, ast.ImportFrom):
                self.import_from(stmt)
            elif isinstance(stmt, ast.Assign):
                self.assign(stmt)
            elif isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
                self.call(stmt.value)
            elif isinstance(stmt, ast.With):
                self.with_dag(stmt)
            else:
                raise Refused(stmt, f"{type(stmt).__name__} statements are not allowed")

    def import_(self, stmt):
        for alias in stmt.names:
            allowed = ALLOWED_IMPORTS.get(alias.name, {})
            if None not in allowed or alias.asname:
                raise Refused(stmt, f"`import {alias.name}` is not allowed")
            self.bind(stmt, alias.name, f"module:{allowed[None]}")

    def import_from(self, stmt):
        module = stmt.module or ""
        if stmt.level or module not in ALLOWED_IMPORTS:
            raise Refused(stmt, f"imports from {'.' * stmt.level}{module} are not allowed")
        for alias in stmt.names:
            bound = ALLOWED_IMPORTS[module].get(alias.name)
            if bound is None:
                raise Refused(stmt, f"{module} has no allowed name {alias.name!r}")
            # `models as k8s` is the one alias, as Airflow's documentation writes it.
            name = alias.asname or alias.name
            if name != bound:
                raise Refused(stmt, f"{module}.{alias.name} must be imported as {bound}")
            self.bind(stmt, name, f"module:{bound}" if bound == "k8s" else bound)

    def bind(self, node, name, what):
        if name in self.names:
            raise Refused(node, f"{name} is bound twice")
        self.names[name] = what

    def assign(self, stmt, in_dag=False):
        if len(stmt.targets) != 1 or not isinstance(stmt.targets[0], ast.Name):
            raise Refused(stmt, "only `name = <call>` assignments are allowed")
        target = stmt.targets[0].id
        kind = self.expression_kind(stmt.value)
        if in_dag != (kind == "operator"):
            where = "inside" if in_dag else "outside"
            raise Refused(stmt.value, f"this may not be assigned {where} the DAG block")
        if kind is None:
            raise Refused(stmt.value, "only objects of the allowed APIs may be assigned")
        self.bind(stmt, target, kind)
        if kind == "operator":
            self.tasks.append((target, stmt))

    def with_dag(self, stmt):
        if self.dag_seen or len(stmt.items) != 1:
            raise Refused(stmt, "a file may hold one `with DAG(...) as dag:` block")
        self.dag_seen = True
        item = stmt.items[0]
        if not (
            isinstance(item.context_expr, ast.Call)
            and self.callee(item.context_expr) == "DAG"
            and isinstance(item.optional_vars, ast.Name)
        ):
            raise Refused(stmt, "only `with DAG(...) as dag:` is allowed")
        self.call(item.context_expr)
        self.bind(stmt, item.optional_vars.id, "DAG object")
        *assignments, last = stmt.body
        for inner in assignments:
            if not isinstance(inner, ast.Assign):
                raise Refused(inner, "the DAG block holds task assignments, then their chain")
            self.assign(inner, in_dag=True)
        self.chain(last)

    def chain(self, stmt):
        """The last statement of the DAG: `a >> b >> ...` naming every task once, in order."""
        names = []
        node = stmt.value if isinstance(stmt, ast.Expr) else None
        while isinstance(node, ast.BinOp) and isinstance(node.op, ast.RShift):
            if not isinstance(node.right, ast.Name):
                raise Refused(node.right, "the chain names tasks")
            names.insert(0, node.right.id)
            node = node.left
        if not isinstance(node, ast.Name) or not names:
            raise Refused(
                stmt, "the DAG block must end with the chain `a >> b >> ...` of its tasks"
            )
        names.insert(0, node.id)
        expected = [name for name, _ in self.tasks]
        if names != expected:
            raise Refused(
                stmt,
                f"the chain must name every task once, in order ({' >> '.join(expected)}), "
                "so that they run one after the other",
            )

    # Expressions ------------------------------------------------------------------------

    def callee(self, call):
        """The key of a call of a callable in CALLS, or None for a method call."""
        func = call.func
        if isinstance(func, ast.Name):
            what = self.names.get(func.id, func.id if func.id in ("str", "print") else None)
            return what if what in CALLS else None
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            module = self.names.get(func.value.id, "")
            if module.startswith("module:"):
                return f"{module[len('module:'):]}.{func.attr}"
        return None

    def call(self, node):
        """Checks a call and returns the kind of object it returns."""
        func = node.func
        key = self.callee(node)
        if key is not None:
            spec = CALLS.get(key)
            if spec is None:
                raise Refused(node, f"{key}(...) is not an allowed call")
            self.arguments(node, key, spec)
            return spec.returns
        if isinstance(func, ast.Attribute):
            kind = self.expression_kind(func.value)
            methods = METHODS.get(kind)
            if methods is None:
                raise Refused(node, f".{func.attr}(...) is not an allowed call")
            spec = methods.get(func.attr)
            if spec is None:
                api = next(iter(methods.values())).api
                raise Refused(node, f"{kind} has no method {func.attr!r} in {api}'s API")
            self.arguments(node, f"{kind}.{func.attr}", spec)
            return spec.returns
        name = func.id if isinstance(func, ast.Name) else type(func).__name__
        raise Refused(node, f"{name}(...) is not an allowed call")

    def arguments(self, node, name, spec):
        if len(node.args) > len(spec.positional):
            raise Refused(
                node,
                f"{name}() takes at most {len(spec.positional)} positional argument(s)",
            )
        given = set(spec.positional[: len(node.args)])
        for arg in node.args:
            if isinstance(arg, ast.Starred):
                raise Refused(arg, f"{name}(*...) is not allowed")
            self.value(arg)
        short = name.split(".")[-1]
        for keyword in node.keywords:
            if keyword.arg is None:
                raise Refused(keyword, f"{name}(**...) is not allowed")
            replaced = REPLACED.get(short, {}).get(keyword.arg)
            if replaced:
                raise Refused(
                    keyword,
                    f"{name}() takes {replaced} in place of {keyword.arg!r} in {spec.api}",
                )
            if keyword.arg not in spec.keywords:
                raise Refused(
                    keyword,
                    f"{short}() has no keyword argument {keyword.arg!r} in {spec.api}'s API",
                )
            if keyword.arg in given:
                raise Refused(keyword, f"{name}() got {keyword.arg!r} twice")
            given.add(keyword.arg)
            self.keyword(short, keyword)
        missing = spec.required - given
        if missing:
            raise Refused(node, f"{name}() needs {', '.join(sorted(missing))}")

    def keyword(self, callee, keyword):
        arg, value = keyword.arg, keyword.value
        self.value(value)
        if arg in ENUMS:
            if not (isinstance(value, ast.Constant) and value.value in ENUMS[arg]):
                raise Refused(
                    value,
                    f"{arg} must be one of {', '.join(sorted(ENUMS[arg]))}"
                    + (
                        ": a task after the data-quality gate must not run when it fails"
                        if arg == "trigger_rule"
                        else ""
                    ),
                )
        if arg in ("dag_id", "task_id"):
            if not (isinstance(value, ast.Constant) and isinstance(value.value, str)):
                raise Refused(value, f"{arg} must be a string literal")
            if not AIRFLOW_KEY.match(value.value):
                raise Refused(value, f"{arg} must be letters, digits, '.', '-' and '_'")
            if arg == "task_id":
                if value.value in self.task_ids:
                    raise Refused(value, f"task_id {value.value!r} is used twice")
                self.task_ids.add(value.value)
        if callee == "DAG" and arg == "tags":
            if not isinstance(value, (ast.List, ast.Tuple, ast.Set)):
                raise Refused(value, "tags must be a list of strings")
            for tag in value.elts:
                if not (isinstance(tag, ast.Constant) and isinstance(tag.value, str)):
                    raise Refused(tag, "tags must be a list of strings")
                if len(tag.value) > TAG_MAX_LEN:
                    raise Refused(tag, f"a tag may have at most {TAG_MAX_LEN} characters")
        if arg == "default_args":
            if not isinstance(value, ast.Dict):
                raise Refused(value, "default_args must be a dict")
            for key in value.keys:
                if not (isinstance(key, ast.Constant) and key.value in BASE_OPERATOR - {"task_id"}):
                    raise Refused(
                        key or value,
                        "default_args may only hold arguments of BaseOperator in Airflow 2.9",
                    )

    def expression_kind(self, node):
        """Checks an expression and returns the kind of object it is, when it is one."""
        if isinstance(node, ast.Call):
            return self.call(node)
        if isinstance(node, ast.Attribute):
            kind = self.expression_kind(node.value)
            attribute = ATTRIBUTES.get(kind, {}).get(node.attr)
            if attribute is None:
                raise Refused(node, f"the attribute {node.attr!r} is not allowed")
            return attribute
        if isinstance(node, ast.Name):
            self.name(node)
            what = self.names.get(node.id)
            return None if what is None or what.startswith("module:") else what
        if isinstance(node, ast.BinOp):
            # HERE / "file": a path beside the script.
            joins_path = (
                isinstance(node.op, ast.Div)
                and self.expression_kind(node.left) == "Path object"
                and isinstance(node.right, ast.Constant)
                and isinstance(node.right.value, str)
            )
            if not joins_path:
                raise Refused(node, "only `path / \"name\"` joins are allowed")
            return "Path object"
        return None

    def name(self, node):
        if node.id == "__file__":
            return
        what = self.names.get(node.id)
        if what is None:
            raise Refused(node, f"{node.id} is not defined")
        if what.startswith("module:") or what in CALLS:
            raise Refused(node, f"{node.id} may only be called")

    def value(self, node):
        if isinstance(node, ast.Constant):
            return
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            if isinstance(node.operand, ast.Constant) and type(node.operand.value) in (int, float):
                return
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            for element in node.elts:
                self.value(element)
            return
        if isinstance(node, ast.Dict):
            for key, item in zip(node.keys, node.values):
                if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
                    raise Refused(key or item, "dict keys must be string literals")
                self.value(item)
            return
        if isinstance(node, (ast.Call, ast.Attribute, ast.Name, ast.BinOp)):
            self.expression_kind(node)
            return
        raise Refused(node, f"{type(node).__name__} values are not allowed")


def main(argv):
    return ast_allowlist.main(argv, __doc__.strip().splitlines()[2], Checker)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
