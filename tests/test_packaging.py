"""What the installed package carries besides code: the PEP 561 marker and its data files."""
import ast
import importlib.resources
import sys
from pathlib import Path

from conftest import ROOT

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def test_the_package_declares_and_ships_its_type_marker():
    assert importlib.resources.files("corpus_clean").joinpath("py.typed").is_file()
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "py.typed" in config["tool"]["setuptools"]["package-data"]["corpus_clean"]


def _import_graph(package: Path) -> dict[str, set[str]]:
    """Each module of ``package`` (a folder) and the modules of the package it imports.

    Every import counts, at the top or inside a function, relative or absolute; ``from x
    import y`` is an import of ``x.y`` when ``y`` is a submodule, else of ``x`` (its
    ``__init__`` when ``x`` is a package)."""
    root = package.name
    modules: dict[str, Path] = {}
    for path in sorted(package.rglob("*.py")):
        parts = list(path.relative_to(package.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = path

    def known(name: str) -> str | None:
        """The module of ``name``, or of its longest prefix that is a module (an attribute)."""
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        here = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = here[: len(here) - node.level + 1] if node.level else []
                base = ".".join(base + (node.module.split(".") if node.module else []))
                targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                           for alias in node.names]
            else:
                continue
            for target in targets:
                if target == root or target.startswith(root + "."):
                    graph[name].add(known(target))
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle (a path back to its first module) in each strongly connected component of
    more than one module."""
    def reachable(start: str) -> dict[str, str | None]:
        """Every module ``start`` leads to, with the module it was reached from."""
        seen: dict[str, str | None] = {}
        todo = [start]
        while todo:
            node = todo.pop()
            for nxt in sorted(graph[node]):
                if nxt not in seen:
                    seen[nxt] = node
                    todo.append(nxt)
        return seen

    reach = {name: reachable(name) for name in graph}
    cycles, covered = [], set()
    for name in sorted(graph):
        if name in covered or name not in reach[name]:
            continue
        component = {other for other in reach[name] if name in reach[other]}
        if len(component) < 2:
            continue  # a module importing itself is not a cycle between modules
        covered |= component
        path, node = [name], reach[name][name]
        while node != name:
            path.append(node)
            node = reach[name][node]
        cycles.append([name, *reversed(path[1:]), name])
    return cycles


def test_the_import_graph_helpers_find_a_cycle_and_name_it(tmp_path):
    pkg = tmp_path / "pkg"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("def api():\n    from .a import f\n", encoding="utf-8")
    (pkg / "a.py").write_text("from . import b\nfrom .sub import c\n", encoding="utf-8")
    (pkg / "b.py").write_text("import os\n\n\ndef g():\n    from pkg.sub.c import h\n", encoding="utf-8")
    (pkg / "sub" / "__init__.py").write_text("", encoding="utf-8")
    (pkg / "sub" / "c.py").write_text("from .. import a\nfrom .. import api\n", encoding="utf-8")
    graph = _import_graph(pkg)
    assert graph == {"pkg": {"pkg.a"}, "pkg.a": {"pkg.b", "pkg.sub.c"}, "pkg.b": {"pkg.sub.c"},
                     "pkg.sub": set(), "pkg.sub.c": {"pkg.a", "pkg"}}
    assert _cycles(graph) == [["pkg", "pkg.a", "pkg.sub.c", "pkg"]]
    (pkg / "sub" / "c.py").write_text("", encoding="utf-8")
    assert _cycles(_import_graph(pkg)) == []


def test_no_module_of_the_package_imports_itself_back_through_others():
    cycles = _cycles(_import_graph(ROOT / "corpus_clean"))
    assert not cycles, "import cycles: " + "; ".join(" -> ".join(cycle) for cycle in cycles)
