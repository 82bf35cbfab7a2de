"""Which part of the console may import which, and no import cycles anywhere in it.

The table is the architecture: the profile and the command vocabulary at the bottom, the
features (OBS, the show, the barrage) above them, the room runtime composing one room's
parts, the show-wide services over the rooms, and the window (and the entry point) on top.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

CONSOLE = Path(__file__).resolve().parents[2] / "console"

CORE = {
    "commands", "observers", "tasks", "reconnect", "catalog", "actionlog", "dispatch",
    "product_fields", "logfile", "text", "palette_match",
}  # fmt: skip
"""The command vocabulary and plumbing every part uses (and the reading of command lines
typed into the palette)."""
SERVICES = {
    "console.show.service",
    "console.barrage.service",
    "console.barrage.commands",
    "console.host.commands",
    "console.journal",
    "console.show_names",
}
"""Show-wide services: they reach the rooms through the room runtime."""

BELOW_ROOMS = {"core", "profile", "obs", "show", "barrage"}
MAY_IMPORT: dict[str, set[str]] = {
    "core": {"core"},
    # The profile builds the show's and the barrage's own data types from checked data.
    "profile": {"core", "show", "barrage"},
    "obs": {"core", "profile"},
    "show": {"core", "profile", "obs"},
    "barrage": {"core", "profile", "obs", "show"},
    # The digital host: its engines drive OBS, it checks the show's terms, answers questions.
    "host": {"core", "profile", "obs", "show", "barrage"},
    "room": BELOW_ROOMS | {"host"},
    "services": BELOW_ROOMS | {"host", "room", "services"},
    "control": BELOW_ROOMS | {"host", "room", "services"},
    "ui": BELOW_ROOMS | {"host", "room", "services"},
    "app": BELOW_ROOMS | {"host", "room", "services", "control", "ui"},
}


def _module(path: Path) -> str:
    parts = list(path.relative_to(CONSOLE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _unit(module: str) -> str:
    if module in SERVICES or module == "console.services":
        return "services"
    parts = module.split(".")
    if len(parts) == 1:
        return "core"  # the package itself
    if parts[1].startswith("room_"):
        return "room"  # the room runtime's own modules
    return "core" if parts[1] in CORE else parts[1]


def _imports(path: Path) -> set[str]:
    """Every console module a file imports, at the top, lazily or for type checking."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _graph() -> dict[str, set[str]]:
    modules = {_module(path): path for path in CONSOLE.rglob("*.py")}
    graph = {}
    for name, path in modules.items():
        imported = {other for other in _imports(path) if other in modules and other != name}
        # ``from console.barrage import lexicon`` names a submodule: the edge goes to it, not
        # to the package's ``__init__`` (which Python has begun running by then anyway).
        packages = {other.rsplit(".", 1)[0] for other in imported if "." in other}
        graph[name] = {
            other for other in imported if other not in packages or other in _named(path)
        }
    return graph


def _named(path: Path) -> set[str]:
    """Modules a file imports by their own name (``import x.y``, ``from x.y import z``)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules = {f"{node.module}.{alias.name}" for alias in node.names}
            if not all(_is_module(module) for module in modules):
                names.add(node.module)
    return names


def _is_module(name: str) -> bool:
    relative = Path(*name.split(".")[1:])
    return (CONSOLE / relative).with_suffix(".py").is_file() or (CONSOLE / relative).is_dir()


def test_every_part_imports_only_what_the_table_allows() -> None:
    offenders = sorted(
        f"{module} -> {imported}"
        for module, imports in _graph().items()
        for imported in imports
        if _unit(imported) not in MAY_IMPORT[_unit(module)] | {_unit(module)}
    )
    assert offenders == []


def test_the_table_names_every_part() -> None:
    units = {_unit(module) for module in _graph()}
    assert units <= set(MAY_IMPORT), units - set(MAY_IMPORT)


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_no_import_cycle_inside_the_console() -> None:
    assert _cycles(_graph()) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(graph) == [["a", "b", "c"]]


def test_checking_a_profile_loads_no_window_no_obs_client_and_no_service() -> None:
    """``--check`` validates hotkeys against the catalogue alone."""
    demo = CONSOLE.parent / "profiles" / "demo.yaml"
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from console.profile import load_profile\n"
        f"load_profile(Path({str(demo)!r}))\n"
        "loaded = [m for m in sys.modules if m.startswith(("
        "'PySide6.QtWidgets', 'obswebsocket', 'console.barrage.service', 'console.room', "
        "'console.obs.link', 'console.ui', 'aiohttp'))]\n"
        "print(','.join(sorted(loaded)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=CONSOLE.parent,
    )
    assert done.stdout.strip() == ""


def test_services_do_not_import_qt_widgets() -> None:
    offenders = [
        module
        for module, path in ((_module(p), p) for p in CONSOLE.rglob("*.py"))
        if _unit(module) not in ("ui", "app")
        and any(name.startswith(("PySide6.QtWidgets", "console.ui")) for name in _imports(path))
    ]
    assert offenders == []


def test_no_work_goes_to_the_loops_default_executor() -> None:
    """qasync's default executor runs QThreads, which abort the process if still alive
    when Qt exits: blocking work goes to a plain executor that its owner shuts down."""
    offenders = [
        str(path.relative_to(CONSOLE))
        for path in CONSOLE.rglob("*.py")
        if "run_in_executor(None" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []


def test_every_imported_console_module_exists() -> None:
    """The graph above only sees modules that exist: a typo would hide an edge."""
    graph = _graph()
    unknown: defaultdict[str, set[str]] = defaultdict(set)
    modules = set(graph)
    for path in CONSOLE.rglob("*.py"):
        for name in _imports(path):
            if name.startswith("console.") and name not in modules:
                package = name.rsplit(".", 1)[0]
                if package not in modules:  # ``from console.x import name`` of a non-module
                    unknown[_module(path)].add(name)
    assert dict(unknown) == {}
