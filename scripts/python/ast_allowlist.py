"""The shared run of the allow-list checkers (scripts/airflow/check_dag.py and
scripts/feast/check_definitions.py): read and compile each file, walk it with a checker's
`module(tree)` and report.

Only the Python standard library is used. A checker refuses a node by raising `Refused`; the
file, line and column are printed to stderr, `ok: FILE` to stdout for each file that passes.
"""

import ast
import py_compile
import sys
import tempfile
from pathlib import Path


class Refused(Exception):
    def __init__(self, node, message):
        super().__init__(message)
        self.line = getattr(node, "lineno", 0)
        self.col = getattr(node, "col_offset", 0) + 1


def check(path, make_checker):
    """Returns the problems of one file: empty when it passes."""
    try:
        source = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return [f"{path}: cannot read: {error}"]
    with tempfile.TemporaryDirectory() as scratch:
        try:
            # Compiled to a scratch folder, so that nothing is written beside the file.
            py_compile.compile(path, cfile=str(Path(scratch) / "checked.pyc"), doraise=True)
        except py_compile.PyCompileError as error:
            return [f"{path}: does not compile: {error.msg.strip()}"]
    try:
        make_checker().module(ast.parse(source, filename=path))
    except Refused as refused:
        return [f"{path}:{refused.line}:{refused.col}: {refused}"]
    return []


def main(argv, usage, make_checker):
    """Checks the files in argv[1:]: exits 0 when all pass, 1 when one does not, 2 on a usage
    error (printing `usage`)."""
    if len(argv) < 2 or any(arg.startswith("-") for arg in argv[1:]):
        print(usage, file=sys.stderr)
        return 2
    failed = False
    for path in argv[1:]:
        problems = check(path, make_checker)
        for problem in problems:
            print(problem, file=sys.stderr)
        if problems:
            failed = True
        else:
            print(f"ok: {path}")
    return 1 if failed else 0
