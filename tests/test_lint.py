"""coursekit check as a linter: warnings with rule ids, --strict, and --format json for editors and CI."""
from __future__ import annotations

import json
import re
import struct
import zlib
from pathlib import Path


from builder.cli import main
from tests.conftest import REPO_ROOT

BAD = Path(__file__).resolve().parent / "bad"
LESSON = "---\ntitle: {title}\n---\n## Part\n\n{body}\n"


def course(root: Path, files: dict[str, str | bytes]) -> Path:
    files = {"course.yml": "id: c\ntitle: C\nlanguage: en\nversion: 1.0.0\nmastery_score: 60\n", "01-m/module.yml": "title: M\n", **files}
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return root


def png(width: int, height: int, noise: int = 0) -> bytes:
    rows = b"".join(b"\x00" + bytes((x * 7 + y * 13 + noise * x * y) % 256 for x in range(width * 3)) for y in range(height))
    chunk = lambda kind, data: struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))  # noqa: E731
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)) + \
        chunk(b"IDAT", zlib.compress(rows, 0)) + chunk(b"IEND", b"")


def check(root: Path, capsys, monkeypatch, *options: str) -> tuple[int, list[str]]:
    monkeypatch.chdir(root)
    status = main(["check", ".", *options])
    captured = capsys.readouterr()
    return status, captured.err.splitlines() + captured.out.splitlines()


def test_unused_files_are_warned_about(tmp_path, capsys, monkeypatch):
    course(tmp_path, {"01-m/01-a.md": LESSON.format(title="A", body="Text."), "01-m/notes/old-draft.pdf": "%PDF"})
    assert check(tmp_path, capsys, monkeypatch) == (0, [
        "01-m/notes/old-draft.pdf:1:1: warning: 'notes/old-draft.pdf' is not used by any lesson, so it is not packaged [asset-unused]",
        "1 module checked: no errors, 1 warning"])


def test_heavy_and_oversized_images_are_warned_about_with_their_sizes(tmp_path, capsys, monkeypatch):
    body = "![A wide aerial photograph](wide.png)\n\n![A heavy photograph](heavy.png)"
    course(tmp_path, {"01-m/01-a.md": LESSON.format(title="A", body=body), "01-m/wide.png": png(3000, 20),
                      "01-m/heavy.png": png(700, 520)})
    status, lines = check(tmp_path, capsys, monkeypatch)
    assert (status, lines) == (0, [
        "01-m/01-a.md:6:29: warning: image 'wide.png' is 3000×20 pixels; 2400 pixels wide is plenty for a lesson [image-large]",
        "01-m/01-a.md:8:23: warning: image 'heavy.png' is 1.0 MB; compressed below 1 MB it loads far faster on slow connections [image-large]",
        "1 module checked: no errors, 2 warnings"])


def test_a_lesson_far_longer_than_the_others(tmp_path, capsys, monkeypatch):
    files = {f"01-m/0{n}-l{n}.md": LESSON.format(title=f"L{n}", body="word " * 300) for n in range(1, 4)}
    files["01-m/04-long.md"] = LESSON.format(title="Long", body="word " * 2000)
    course(tmp_path, files)
    assert check(tmp_path, capsys, monkeypatch)[1] == [
        "01-m/04-long.md:1:1: warning: this lesson has 2,002 words, more than 3 times the module's usual 302: consider splitting it [lesson-long]",
        "1 module checked: no errors, 1 warning"]


def test_duplicate_question_titles(tmp_path, capsys, monkeypatch):
    quiz = "::Q1::First? {=a#Yes. ~b#No.}\n\n::Q1::Second? {=c#Yes. ~d#No.}\n"
    course(tmp_path, {"01-m/01-a.md": LESSON.format(title="A", body="Text."), "01-m/quiz.gift": quiz})
    assert check(tmp_path, capsys, monkeypatch)[1] == [
        "01-m/quiz.gift:3:1: warning: another question is also titled 'Q1' (line 1); titles name questions in Moodle's "
        "reports and question bank [question-title]",
        "1 module checked: no errors, 1 warning"]


def test_an_unshuffled_quiz_whose_right_answers_mostly_stand_first(tmp_path, capsys, monkeypatch):
    first = "".join(f"::Q{n}::Question {n}? {{=right#Yes. ~wrong#No. ~other#No.}}\n\n" for n in range(1, 5))
    varied = first + "::Q5::Question 5? {~wrong#No. =right#Yes.}\n\n::Q6::Question 6? {~wrong#No. ~x#No. =right#Yes.}\n"
    lesson = {"01-m/01-a.md": LESSON.format(title="A", body="Text.")}
    course(tmp_path, {**lesson, "01-m/module.yml": "title: M\nquiz:\n  shuffle_answers: false\n", "01-m/quiz.gift": varied})
    assert check(tmp_path, capsys, monkeypatch)[1] == [
        "01-m/module.yml:3:3: warning: answers are not shuffled (shuffle_answers: false) and the right answer is "
        "choice 1 in 4 of 6 multiple-choice questions: a learner who always picks that position passes without "
        "reading; shuffle the answers or vary where the right one stands [quiz-answer-position]",
        "1 module checked: no errors, 1 warning"]


def test_shuffled_or_varied_quizzes_are_not_warned_about(tmp_path, capsys, monkeypatch):
    first = "".join(f"::Q{n}::Question {n}? {{=right#Yes. ~wrong#No.}}\n\n" for n in range(1, 6))
    lesson = {"01-m/01-a.md": LESSON.format(title="A", body="Text.")}
    course(tmp_path / "default", {**lesson, "01-m/quiz.gift": first})                # shuffled by default
    assert check(tmp_path / "default", capsys, monkeypatch)[1] == ["1 module checked: no errors, 0 warnings"]
    half = first.replace("{=right#Yes. ~wrong#No.}", "{~wrong#No. =right#Yes.}", 3)   # 3 of 5 second: no habit of 1
    course(tmp_path / "half", {**lesson, "01-m/module.yml": "title: M\nquiz:\n  shuffle_answers: false\n", "01-m/quiz.gift": half})
    assert check(tmp_path / "half", capsys, monkeypatch)[1][-1] == "1 module checked: no errors, 1 warning"
    third = first.replace("{=right#Yes. ~wrong#No.}", "{~wrong#No. =right#Yes.}", 2).replace("{=right#Yes. ~wrong#No.}", "{~a#No. ~b#No. =right#Yes.}", 2)
    course(tmp_path / "varied", {**lesson, "01-m/module.yml": "title: M\nquiz:\n  shuffle_answers: false\n", "01-m/quiz.gift": third})
    assert check(tmp_path / "varied", capsys, monkeypatch)[1] == ["1 module checked: no errors, 0 warnings"]


def test_strict_turns_warnings_into_errors(tmp_path, capsys, monkeypatch):
    course(tmp_path, {"01-m/01-a.md": LESSON.format(title="A", body="Text."), "01-m/unused.txt": "x"})
    status, lines = check(tmp_path, capsys, monkeypatch, "--strict")
    assert status == 1 and lines[-1] == "coursekit: 0 errors, 1 warning (--strict: warnings count as errors)"


def test_json_output_for_editors_and_ci(tmp_path, capsys, monkeypatch):
    course(tmp_path, {"01-m/01-a.md": LESSON.format(title="A", body="![](missing.png)"), "01-m/unused.txt": "x"})
    monkeypatch.chdir(tmp_path)
    assert main(["check", ".", "--format", "json"]) == 1
    document = json.loads(capsys.readouterr().out)
    assert set(document) == {"errors", "warnings", "diagnostics"}
    assert (document["errors"], document["warnings"]) == (1, 1)
    for item in document["diagnostics"]:
        assert set(item) == {"path", "line", "column", "severity", "message", "rule"}
        assert isinstance(item["line"], int) and isinstance(item["column"], int) and item["severity"] in ("error", "warning")
    assert document["diagnostics"][0] == {"path": "01-m/01-a.md", "line": 6, "column": 5, "severity": "error",
                                          "message": "broken image: 'missing.png' does not exist", "rule": "link-broken"}


def test_every_rule_is_exercised_by_a_test():
    rules = set(re.findall(r'rule="([a-z-]+)"', "\n".join(p.read_text() for p in (REPO_ROOT / "builder").rglob("*.py"))))
    tested = set(re.findall(r"\[([a-z-]+)\]", "\n".join(p.read_text() for p in BAD.glob("*/expected.txt"))))
    tested |= set(re.findall(r"\[([a-z-]+)\]", Path(__file__).read_text()))
    tested |= set(re.findall(r'"rule": "([a-z-]+)"', Path(__file__).read_text()))
    for other in ("test_security.py", "test_cli.py", "test_hostile_input.py", *(f"report/{p.name}" for p in (REPO_ROOT / "tests" / "report").glob("test_*.py"))):
        tested |= set(re.findall(r"\[([a-z-]+)\]", (REPO_ROOT / "tests" / other).read_text()))
    assert rules - tested == set()


def test_files_that_cannot_be_read(tmp_path, capsys, monkeypatch):
    course(tmp_path, {"01-m/01-a.md": LESSON.format(title="A", body="Text.")})
    (tmp_path / "01-m" / "02-gone.md").symlink_to("nowhere.md")         # a link to a file since deleted
    (tmp_path / "01-m" / "03-folder.md").mkdir()                         # a folder named like a lesson
    status, lines = check(tmp_path, capsys, monkeypatch)
    assert status == 1 and lines == [
        "01-m/02-gone.md:1:1: error: '01-m/02-gone.md' is a symbolic link to 'nowhere.md', which does not exist [file-missing]",
        "01-m/03-folder.md:1:1: error: '01-m/03-folder.md' is a folder, not a regular file [file-special]",
        "coursekit: 2 errors, 0 warnings"]


def test_an_invalid_generated_manifest_is_caught_by_schemas(tmp_path, capsys, monkeypatch, schemas_dir):
    """A safety net for our own bugs: --schemas checks what the builder wrote."""
    import builder.package

    course(tmp_path, {"01-m/01-a.md": LESSON.format(title="A", body="Text.")})
    broken = lambda *args: b'<manifest xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"/>'  # noqa: E731
    monkeypatch.setattr(builder.package, "write_manifest", broken)
    status, lines = check(tmp_path, capsys, monkeypatch, "--schemas", str(schemas_dir))
    assert status == 1
    assert lines[0].startswith("01-m/module.yml:1:1: error: the generated imsmanifest.xml does not validate against the SCORM 1.2 schemas")
    assert lines[0].endswith("[manifest-schema]")
