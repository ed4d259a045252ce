"""builder/'s imports, read from its sources: no import circle, and no stage imports a later one.

The stages, in pipeline order, each a set of modules; a module may import modules of its own
stage and of earlier ones only (the foundations are shared by all). Modules outside every stage
(the commands) may import anything, but take part in the circle check too.
"""
from __future__ import annotations

import ast
from pathlib import Path

BUILDER = Path(__file__).resolve().parent.parent / "builder"

STAGES = [
    ("foundations", {"builder", "builder.diagnostics", "builder.paths", "builder.scorm", "builder.contract", "builder.files", "builder.svg", "builder.digests",
                     "builder.i18n", "builder.images", "builder.sanitize", "builder.gift.*", "builder.model",
                     "builder.metadata", "builder.theme"}),
    ("load", {"builder.load", "builder.quiz.settings"}),
    ("render lessons", {"builder.markdown_ext.*", "builder.lessons"}),
    ("quiz", {"builder.quiz.answer_key", "builder.quiz.html", "builder.quiz.positions", "builder.quiz.gather", "builder.quiz.budget", "builder.quiz.export", "builder.quiz.grading",
              "builder.quiz"}),
    ("render modules", {"builder.render", "builder.lesson_memo"}),
    ("package", {"builder.manifest", "builder.manifest.*", "builder.runtime", "builder.page", "builder.package"}),
    ("output", {"builder.output", "builder.deflated", "builder.cache", "builder.scorm_schemas", "builder.moodle_settings", "builder.mbz", "builder.mbz.*", "builder.report", "builder.report.*"}),
    ("build", {"builder.build"}),
]


def module_name(path: Path) -> str:
    parts = path.relative_to(BUILDER.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, modules: set[str]) -> set[str]:
    """Every builder module this file imports, at its top or inside functions. `from package import
    module` imports that module (Python runs the package's __init__ first, which is no dependency)."""
    found = set()
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            submodules = {f"{base}.{alias.name}" for alias in node.names} & modules
            found |= submodules if submodules else {base}
    return {name for name in found if name.split(".")[0] == "builder"}


def graph() -> dict[str, set[str]]:
    modules = {module_name(path): path for path in BUILDER.rglob("*.py")}
    return {name: {target for target in imports_of(path, set(modules)) if target in modules and target != name}
            for name, path in modules.items()}


def stage_of(name: str) -> int | None:
    for index, (_, members) in enumerate(STAGES):
        if name in members or any(m.endswith(".*") and (name == m[:-2] or name.startswith(m[:-1])) for m in members):
            return index
    return None


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    found, state = [], {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = "open"
        for target in sorted(edges[node]):
            if state.get(target) == "open":
                found.append(path[path.index(target):] + [target])
            elif target not in state:
                visit(target, path + [target])
        state[node] = "done"

    for node in sorted(edges):
        if node not in state:
            visit(node, [node])
    return found


def test_builder_has_no_import_circle():
    assert cycles(graph()) == []


def test_no_stage_imports_a_later_one():
    backwards = [f"{source} ({STAGES[stage_of(source)][0]}) imports {target} ({STAGES[stage_of(target)][0]})"
                 for source, targets in graph().items() for target in targets
                 if stage_of(source) is not None and stage_of(target) is not None and stage_of(target) > stage_of(source)]
    assert backwards == []


def test_every_pipeline_module_has_a_stage():
    commands = {"builder.cli", "builder.__main__", "builder.scaffold"}
    unplaced = [name for name in graph() if stage_of(name) is None and name not in commands and not name.startswith(("builder.preview", "builder.lms"))]
    assert unplaced == []


def test_the_check_finds_a_circle_and_a_backward_import():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == [["a", "b", "c", "a"]]
    assert stage_of("builder.load") < stage_of("builder.render")
