"""`coursekit new course|module|lesson NAME`: start a course, a module or a lesson from templates/scaffold/.

A new module's first lesson shows every Markdown feature, each with a comment saying how to write it;
its quiz.gift holds one question of every GIFT type; its module.yml shows every quiz setting, commented.
A new module or lesson takes the next NN- number. Nothing is ever overwritten: every problem is
reported first, and files are created only when there is none.
"""
from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from builder.diagnostics import Diagnostics, Location, display_path
from builder.load import COURSE_FILE, MODULE_FILE, ORDER_PREFIX, strip_order_prefix
from builder.metadata import IDENTIFIER
from builder.paths import templates_dir

EXIT_OK, EXIT_ERRORS = 0, 1
DEFAULT_PARENT = Path("courses")
FIRST_MODULE = "introduction"
FIRST_LESSON = "getting-started"
PICTURE = Path("images") / "park-layout.svg"      # the picture the first lesson shows
PLACEHOLDER = re.compile(r"\[\[(\w+)\]\]")
MASTERY_OWN = "mastery_score: 70            # pass mark (0-100) of the quiz"
MASTERY_COMMENTED = "# mastery_score: 80          # optional: this module's own pass mark, instead of the course's"


@dataclass(frozen=True)
class NewFile:
    path: Path
    content: bytes


@dataclass(frozen=True)
class CourseFileEdit:
    """course.yml lists its modules: the new module is added to the list."""

    path: Path
    text: str


@dataclass
class Plan:
    files: list[NewFile] = field(default_factory=list)
    edit: CourseFileEdit | None = None
    check_path: Path | None = None          # what to suggest checking and previewing next


def add_commands(subparsers: argparse._SubParsersAction) -> None:
    new = subparsers.add_parser("new", help="start a course, module or lesson from a commented example")
    kinds = new.add_subparsers(dest="new_kind", metavar="KIND", required=True)
    course = kinds.add_parser("course", help="a course with a first module that shows every feature")
    course.add_argument("name", metavar="NAME", help="the course id: lower-case letters, digits and hyphens")
    course.add_argument("--in", dest="parent", type=Path, default=DEFAULT_PARENT, metavar="DIR",
                        help="where the course folder goes (default: courses/)")
    module = kinds.add_parser("module", help="a module with a first lesson and a quiz, numbered after the last one")
    module.add_argument("name", metavar="NAME", help="the module id: lower-case letters, digits and hyphens")
    module.add_argument("--course", type=Path, default=Path("."), metavar="DIR", help="the course folder (default: .)")
    lesson = kinds.add_parser("lesson", help="a lesson, numbered after the last one")
    lesson.add_argument("name", metavar="NAME", help="the lesson id: lower-case letters, digits and hyphens")
    lesson.add_argument("--module", type=Path, default=Path("."), metavar="DIR", help="the module folder (default: .)")


def run(options: argparse.Namespace) -> int:
    problem = name_problem(options.name, options.new_kind)
    if problem:
        print(f"coursekit new: error: {problem}", file=sys.stderr)
        return EXIT_ERRORS
    diagnostics = Diagnostics()
    if options.new_kind == "course":
        plan = plan_course(options.parent, options.name, diagnostics)
    elif options.new_kind == "module":
        plan = plan_module(options.course, options.name, diagnostics)
    else:
        plan = plan_lesson(options.module, options.name, diagnostics)
    if not diagnostics.has_errors:
        write_plan(plan, diagnostics)
    if diagnostics.has_errors:
        for diagnostic in diagnostics.sorted():
            print(diagnostic, file=sys.stderr)
        print("coursekit new: nothing was changed", file=sys.stderr)
        return EXIT_ERRORS
    for new_file in plan.files:
        print(f"created {display_path(new_file.path)}")
    if plan.edit:
        print(f"listed the new module under 'modules' in {display_path(plan.edit.path)}")
    where = display_path(plan.check_path)
    print(f"next: coursekit check {where}   (and coursekit preview {where} to see it as a learner will)")
    return EXIT_OK


def name_problem(name: str, kind: str) -> str | None:
    if IDENTIFIER.match(name):
        return None
    numbered = ORDER_PREFIX.match(name)
    hint = f"; the number is added for you, so write '{strip_order_prefix(name)}'" if numbered and kind != "course" else ""
    return (f"'{name}' is not a valid {kind} name: use lower-case letters, digits and single hyphens, "
            f"starting with a letter, e.g. site-selection{hint}")


def plan_course(parent: Path, name: str, diagnostics: Diagnostics) -> Plan:
    course_dir = parent / name
    if course_dir.exists():
        diagnostics.error(Location(course_dir), f"'{display_path(course_dir)}' already exists: choose another name")
        return Plan()
    course_file = NewFile(course_dir / COURSE_FILE, fill("course.yml", name=name, title=title_of(name)))
    module_files = module_scaffold(course_dir / f"01-{FIRST_MODULE}", FIRST_MODULE, course_has_pass_mark=True)
    return Plan(files=[course_file, *module_files], check_path=course_dir)


def plan_module(course_dir: Path, name: str, diagnostics: Diagnostics) -> Plan:
    course_file = course_dir / COURSE_FILE
    if not course_file.is_file():
        diagnostics.error(Location(course_file), f"no {COURSE_FILE} here: give the course folder with --course DIR")
        return Plan()
    folders = [p for p in course_dir.iterdir() if p.is_dir() and ((p / MODULE_FILE).is_file() or ORDER_PREFIX.match(p.name))]
    for folder in folders:
        if strip_order_prefix(folder.name) == name:
            diagnostics.error(Location(folder), f"a module named '{name}' already exists here: choose another name")
    folder_name = f"{next_number([p.name for p in folders])}-{name}"
    course = read_yaml(course_file)
    plan = Plan(files=module_scaffold(course_dir / folder_name, name, course_has_pass_mark="mastery_score" in course),
                check_path=course_dir)
    if "modules" in course:
        plan.edit = add_to_module_list(course_file, folder_name, diagnostics)
    return plan


def plan_lesson(module_dir: Path, name: str, diagnostics: Diagnostics) -> Plan:
    if not (module_dir / MODULE_FILE).is_file():
        diagnostics.error(Location(module_dir / MODULE_FILE), f"no {MODULE_FILE} here: give the module folder with --module DIR")
        return Plan()
    lessons = sorted(module_dir.glob("*.md"))
    for lesson in lessons:
        if strip_order_prefix(lesson.stem) == name:
            diagnostics.error(Location(lesson), f"a lesson named '{name}' already exists here: choose another name")
    path = module_dir / f"{next_number([p.stem for p in lessons])}-{name}.md"
    course_dir = module_dir.parent if (module_dir.parent / COURSE_FILE).is_file() else module_dir
    return Plan(files=[NewFile(path, fill("lesson.md", title=title_of(name)))], check_path=course_dir)


def module_scaffold(folder: Path, name: str, course_has_pass_mark: bool) -> list[NewFile]:
    mastery = MASTERY_COMMENTED if course_has_pass_mark else MASTERY_OWN
    return [
        NewFile(folder / MODULE_FILE, fill("module.yml", title=title_of(name), mastery_score_line=mastery)),
        NewFile(folder / f"01-{FIRST_LESSON}.md", fill("lesson-tour.md", title=title_of(FIRST_LESSON))),
        NewFile(folder / "quiz.gift", fill("quiz.gift")),
        NewFile(folder / PICTURE, (scaffold_dir() / PICTURE).read_bytes()),
    ]


def add_to_module_list(course_file: Path, folder_name: str, diagnostics: Diagnostics) -> CourseFileEdit | None:
    """course.yml with `folder_name` appended to its `modules:` list, comments and layout kept."""
    lines = course_file.read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("modules:"))
    flow = re.match(r"^modules:\s*\[(?P<items>[^\]]*)\](?P<rest>.*)$", lines[start])
    if flow:
        items = [item.strip() for item in flow["items"].split(",") if item.strip()] + [folder_name]
        lines[start] = f"modules: [{', '.join(items)}]{flow['rest']}"
        return CourseFileEdit(course_file, "\n".join(lines))
    end = start
    for number in range(start + 1, len(lines)):
        if re.match(r"^\s*-\s", lines[number]):
            end = number
        elif lines[number].strip() and not lines[number].lstrip().startswith("#"):
            break
    if end == start:
        diagnostics.error(Location(course_file, start + 1), "cannot add the new module to 'modules': write the list "
                          "one folder per line ('  - 01-introduction'), then run this again")
        return None
    indent = re.match(r"^(\s*-\s+)", lines[end]).group(1)
    lines.insert(end + 1, f"{indent}{folder_name}")
    return CourseFileEdit(course_file, "\n".join(lines))


def write_plan(plan: Plan, diagnostics: Diagnostics) -> None:
    for new_file in plan.files:
        if new_file.path.exists():
            diagnostics.error(Location(new_file.path), "already exists: it was left as it was")
    if diagnostics.has_errors:
        return
    for new_file in plan.files:
        new_file.path.parent.mkdir(parents=True, exist_ok=True)
        with open(new_file.path, "xb") as stream:          # "x": never overwrite, even in a race
            stream.write(new_file.content)
    if plan.edit:
        plan.edit.path.write_text(plan.edit.text, encoding="utf-8")


def next_number(names: list[str]) -> str:
    """One more than the highest NN- prefix among `names`, with at least two digits."""
    prefixes = [match.group(1) for match in map(ORDER_PREFIX.match, names) if match]
    width = max([2, *(len(prefix) for prefix in prefixes)])
    return f"{max([0, *(int(prefix) for prefix in prefixes)]) + 1:0{width}d}"


def title_of(name: str) -> str:
    return name.replace("-", " ").capitalize()


def read_yaml(path: Path) -> dict:
    """The mapping in a YAML file; empty when it cannot be read (check reports why, with its line)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def scaffold_dir() -> Path:
    return templates_dir() / "scaffold"


def fill(template: str, **values: str) -> bytes:
    """A scaffold template with its [[placeholders]] replaced ([[ ]] clashes with neither GIFT nor LaTeX)."""
    text = (scaffold_dir() / template).read_text(encoding="utf-8")
    return PLACEHOLDER.sub(lambda match: values[match.group(1)], text).encode("utf-8")
