"""The data-model formats of templates/lms/datamodel.json read by the server as the APIs read them in
the browser: every format of both versions, on the same values, accepts the same ones in Python as in
JavaScript."""
from __future__ import annotations

import json
import subprocess

from builder.contract import javascript_regex, utf16_units
from builder.lms.elements import data_model, format_accepts, invalid_value
from builder.paths import templates_dir
from tests.lms.recordings import node

VALUES = [
    "", "a", "passed", "passed\n", "not attempted", "85", "85 ", "-1", "100.5", "1e3", "12345", "00:01:30.50", "0000:00:00",
    "1:00:00", "23:59:59.9", "PT1H2M3.45S", "P1DT", "PT", "P", "2026-01-01T10:00:00.5+01:00", "2026-13-01", "1969", "true",
    "long-fill-in", "wrong", "incorrect", "suspend", "normal", "continue", "{target=a1}choice", "{target=a1}choicex", "{target=a}jump",
    "xjump", "en-US", "xx-", "{lang=en}hello", "{lang=en}" + "x" * 300, "{bad", "x" * 250, "x" * 251, "x" * 255, "x" * 256,
    "x" * 1001, "x" * 4001, "x" * 4097, "x" * 64000, "x" * 64001, "a b", "a\tb", "a\nb", "a\rb", "a\u2028b", "\u00a0", "\ufeff",
    "\x1c", "urn:x-y:z", "urn:x: y", "id_1.2", "ünï", "😀", "😀" * 32000, "😀" * 32001, "q01-the-title",
]
SCRIPT = """
const fs = require("fs");
const { model, values } = JSON.parse(fs.readFileSync(0, "utf8"));
const out = {};
for (const version of Object.keys(model)) {
  out[version] = {};
  for (const [name, source] of Object.entries(model[version].formats)) {
    out[version][name] = values.map((value) => {
      const found = value.match(new RegExp(source));               // as scorm12.js and scorm2004.js test a value
      return found !== null && (version === "1.2" || found.join("").length > 0 || value.length === 0);
    });
  }
}
process.stdout.write(JSON.stringify(out));
"""


def test_python_reads_every_format_as_javascript_does():
    model = data_model()
    run = subprocess.run([node(), "-e", SCRIPT], input=json.dumps({"model": model, "values": VALUES}),
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    javascript, compared = json.loads(run.stdout), 0
    for version, formats in model.items():
        for name, source in formats["formats"].items():
            python = [format_accepts(javascript_regex(source), utf16_units(value), version) for value in VALUES]
            differ = [VALUES[i][:30] for i, (a, b) in enumerate(zip(python, javascript[version][name])) if a != b]
            assert not differ, (version, name, differ)
            compared += len(VALUES)
    assert compared > 2500


def test_the_server_checks_posted_elements_by_the_data_model():
    assert invalid_value("1.2", "cmi__core__lesson_status", "passed") is None
    assert invalid_value("1.2", "cmi__interactions_3__result", "wrong") is None
    assert "not an element" in invalid_value("1.2", "cmi__core__student_name", "x")                 # read-only
    assert "not an element" in invalid_value("1.2", "cmi__core__session_time", "00:00:01")          # the player sends total_time
    assert invalid_value("1.2", "cmi__core__total_time", "00:01:30.50") is None
    assert "not a valid value" in invalid_value("1.2", "cmi__core__exit", "normal")
    assert "not a valid value" in invalid_value("1.2", "cmi__evaluation__comments_0__time", "noon")
    assert invalid_value("1.2", "cmi__core__lesson_location", "x" * 4000) is None                 # 255 in standards mode only
    assert invalid_value("1.2", "cmi__comments", "x" * 70000) is None                             # comments append without a limit
    assert invalid_value("2004", "cmi__exit", "normal") is None and invalid_value("2004", "cmi__objectives__0__id", "o1") is None
    assert "not a valid value" in invalid_value("2004", "cmi__objectives__0__id", "two words")
    assert "not a valid value" in invalid_value("2004", "cmi__success_status", "completed")
    assert invalid_value("2004", "adl__nav__request", "{target=m2}choice") is None
    assert invalid_value("2004", "cmi__suspend_data", "x" * 64001) is not None
    assert "longer than any value" in invalid_value("2004", "cmi__interactions__0__learner_response", "x" * 64001)
    assert "surrogate" in invalid_value("1.2", "cmi__suspend_data", "\ud800")


def test_the_lms_scripts_and_the_server_read_one_file():
    scripts = "".join((templates_dir() / "lms" / name).read_text() for name in ("scorm12.js", "scorm2004.js"))
    assert scripts.count("CoursekitLMSDataModel[") == 2 and "{0,255}" not in scripts and "^passed$" not in scripts
