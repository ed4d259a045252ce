"""The server side of Moodle's SCORM player: what each SCO is handed at launch (Moodle's get_scorm_default
and scorm_reconstitute_array_element, for SCORM 1.2 and 2004), and how posted values are stored
(datamodel.php and scorm_insert_track)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from builder.lms.package import Sco
from builder.lms.store import TrackStore

STATUS_ELEMENTS = ("cmi.core.lesson_status", "cmi.completion_status")
NAV_ACTIONS = (("continue", "continue_"), ("previous", "previous_"), ("exitAll", "exitall_"), ("exit", "exit_"),
               ("abandonAll", "abandonall"), ("abandon", "abandon_"))


@dataclass(frozen=True)
class Learner:
    username: str
    firstname: str = "Preview"
    lastname: str = "Learner"


def learner_name(learner: Learner, standards: bool) -> str:
    """Moodle's fullname, or "Last, First" with SCORM standards mode on."""
    return f"{learner.lastname}, {learner.firstname}" if standards else f"{learner.firstname} {learner.lastname}"


def entry_status(tracks: dict[str, str]) -> str:
    """Moodle's scorm_get_tracks status: the last lesson/completion status, "" without one."""
    status = ""
    for element in STATUS_ELEMENTS:
        if element in tracks:
            status = "notattempted" if tracks[element] == "not attempted" else tracks[element]
    return status


def scorm12_defaults(sco: Sco, tracks: dict[str, str], learner: Learner, standards: bool, mode: str = "normal") -> dict:
    status = entry_status(tracks)
    entry = "ab-initio" if status == "" else "resume" if tracks.get("cmi.core.exit") == "suspend" else ""
    value = tracks.get
    return {
        "cmi.core.student_id": learner.username, "cmi.core.student_name": learner_name(learner, standards),
        "cmi.core.credit": "credit" if mode == "normal" else "no-credit", "cmi.core.entry": entry, "cmi.core.lesson_mode": mode,
        "cmi.launch_data": sco.launch_data, "cmi.student_data.mastery_score": sco.mastery_score,
        "cmi.student_data.max_time_allowed": "", "cmi.student_data.time_limit_action": "",
        "cmi.core.total_time": value("cmi.core.total_time", "00:00:00"),
        "cmi.core.lesson_location": value("cmi.core.lesson_location", ""), "cmi.core.lesson_status": value("cmi.core.lesson_status", ""),
        "cmi.core.score.raw": value("cmi.core.score.raw", ""), "cmi.core.score.max": value("cmi.core.score.max", ""),
        "cmi.core.score.min": value("cmi.core.score.min", ""), "cmi.core.exit": value("cmi.core.exit", ""),
        "cmi.suspend_data": value("cmi.suspend_data", ""), "cmi.comments": value("cmi.comments", ""),
        "cmi.student_preference.language": value("cmi.student_preference.language", ""),
        "cmi.student_preference.audio": value("cmi.student_preference.audio", "0"),
        "cmi.student_preference.speed": value("cmi.student_preference.speed", "0"),
        "cmi.student_preference.text": value("cmi.student_preference.text", "0"),
    }


def scorm2004_defaults(sco: Sco, tracks: dict[str, str], learner: Learner, standards: bool, mode: str = "normal") -> dict:
    """Only a session that ended with cmi.exit "suspend" hands its data back (SCORM 2004 RTE 4.2.8)."""
    kept = tracks if tracks.get("cmi.exit") == "suspend" else {}
    exit_value = kept.get("cmi.exit")
    entry = "ab-initio" if exit_value in (None, "time-out", "normal") else "resume" if exit_value in ("suspend", "logout") else ""
    value = kept.get
    return {
        "cmi.learner_id": learner.username, "cmi.learner_name": learner_name(learner, standards), "cmi.mode": mode,
        "cmi.entry": entry, "cmi.exit": value("cmi.exit", ""), "cmi.credit": "credit" if mode == "normal" else "no-credit",
        "cmi.completion_status": value("cmi.completion_status", "unknown"), "cmi.completion_threshold": "",
        "cmi.launch_data": sco.launch_data,
        "cmi.learner_preference.audio_level": number_or(value("cmi.learner_preference.audio_level"), 1),
        "cmi.learner_preference.language": value("cmi.learner_preference.language", ""),
        "cmi.learner_preference.delivery_speed": number_or(value("cmi.learner_preference.delivery_speed"), ""),
        "cmi.learner_preference.audio_captioning": number_or(value("cmi.learner_preference.audio_captioning"), 0),
        "cmi.location": value("cmi.location", ""), "cmi.max_time_allowed": "",
        "cmi.progress_measure": value("cmi.progress_measure", ""),
        "cmi.scaled_passing_score": sco.min_normalized_measure if sco.min_normalized_measure not in ("", "0") else "",
        "cmi.score.scaled": value("cmi.score.scaled", ""), "cmi.score.raw": value("cmi.score.raw", ""),
        "cmi.score.min": value("cmi.score.min", ""), "cmi.score.max": value("cmi.score.max", ""),
        "cmi.success_status": value("cmi.success_status", "unknown"), "cmi.suspend_data": value("cmi.suspend_data", ""),
        "cmi.time_limit_action": "", "cmi.total_time": value("cmi.total_time", "PT0H0M0S"),
    }


def number_or(stored: str | None, default):
    return default if stored is None else stored


def launch_data(sco: Sco, tracks: dict[str, str], learner: Learner, standards: bool, is_2004: bool) -> dict:
    """{"def": ..., "arrays": [[path, value]...]}: the SCO's defaults and its lists rebuilt from the tracks."""
    if not is_2004:
        return {"def": scorm12_defaults(sco, tracks, learner, standards),
                "arrays": reconstitute(tracks, "cmi.objectives", ("score",), False)
                + reconstitute(tracks, "cmi.interactions", ("objectives", "correct_responses"), False)}
    kept = dict(tracks) if tracks.get("cmi.exit") == "suspend" else {}
    for index, objective in enumerate(sco.objectives):      # the manifest's objectives, always handed over
        kept[f"cmi.objectives.N{index}.id"] = objective
    return {"def": scorm2004_defaults(sco, tracks, learner, standards),
            "arrays": reconstitute(kept, "cmi.objectives", ("score",), True)
            + reconstitute(kept, "cmi.interactions", ("objectives", "correct_responses"), True)
            + reconstitute(kept, "cmi.comments_from_learner", (), True)}


def natural(element: str) -> tuple:
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"[._N]?(\d+)", element) if part)


def reconstitute(tracks: dict[str, str], prefix: str, children: tuple[str, ...], is_2004: bool) -> list[list]:
    """The stored items of a list (objectives, interactions...) rebuilt as Moodle's player rebuilds them:
    each item and its sub-lists created, then each value, then the counts."""
    separator = ".N" if is_2004 else "_"
    first = re.compile(r"^\.N(\d+)\.(.*)$" if is_2004 else r"^_(\d+)\.(.*)$")
    second = re.compile(r"^(.*?)\.N(\d+)\." if is_2004 else r"^(.*?)_(\d+)\.")
    paths = {}
    for element, value in tracks.items():
        if element.startswith(prefix):
            path = re.sub(r"\.(\d+)\.", r".N\1.", re.sub(r"\.(\d+)\.", r".N\1.", element)) if is_2004 else element
            paths[path] = value
    ops: list[list] = []
    current = sub = sub_index = None
    count = sub_count = 0

    def close_sub():
        if sub_count:
            ops.append([f"{prefix}{separator}{current}.{sub}._count", sub_count])

    for path in sorted(paths, key=natural):
        match = first.match(path[len(prefix):])
        if match and match.group(1) != current:
            close_sub()
            current, count, sub, sub_index, sub_count = match.group(1), count + 1, None, None, 0
            item = f"{prefix}{separator}{current}"
            ops.append([item, None])
            for child in children:
                ops += [[f"{item}.{child}", None], [f"{item}.{child}._children", {"children": child}]]
        inner = second.match(match.group(2)) if match else None
        if inner:
            item = f"{prefix}{separator}{current}"
            if inner.group(1) != sub:
                close_sub()
                sub, sub_index, sub_count = inner.group(1), None, 0
                ops.append([f"{item}.{sub}", None])
            if inner.group(2) != sub_index:
                sub_index, sub_count = inner.group(2), sub_count + 1
                ops.append([f"{item}.{sub}{separator}{sub_index}", None])
        ops.append([path, paths[path]])
    close_sub()
    if count:
        ops.append([f"{prefix}._count", count])
    return ops


def post(store: TrackStore, activity: str, learner: Learner, attempt: int, sco: str, pairs: list[tuple[str, str]],
         forcecompleted: bool = False) -> str:
    """datamodel.php: every cmi.* value stored, a navigation request answered; the player's "true\\n0"."""
    values, request = [], None
    stored = store.tracks(activity, learner.username, attempt, sco)
    for name, value in pairs:
        element = name.replace("__", ".")
        if element.startswith("cmi"):
            values.extend(insert_track(stored, element, value, forcecompleted))
        if element.startswith("adl.nav.request"):
            request = navigation_answer(value) or request
    if values:
        store.write(activity, learner.username, attempt, sco, values)
    return "true\n0" + (f"\n{request}" if request else "")


def insert_track(stored: dict[str, str], element: str, value: str, forcecompleted: bool) -> list[tuple[str, str]]:
    """scorm_insert_track: "Force completed" turns an incomplete 1.2 status with a score into "completed"."""
    writes = []
    if forcecompleted:
        if element == "cmi.core.lesson_status" and value == "incomplete" and "cmi.core.score.raw" in stored:
            value = "completed"
        if element == "cmi.core.score.raw" and stored.get("cmi.core.lesson_status") == "incomplete":
            writes.append(("cmi.core.lesson_status", "completed"))
    stored[element] = value
    return writes + [(element, value)]


def navigation_answer(value: str) -> str | None:
    """The line datamodel.php sends back for a continue/previous/choice request (Moodle finds every one valid)."""
    action = value
    for request, name in NAV_ACTIONS:
        action = action.replace(request, name)
    action = re.sub(r"\{target=(\S+)\}choice", r"\1", action)
    if action == value or not re.fullmatch(r"continue|previous|\{target=\S+\}choice", value):
        return None
    return f'adl.nav.request_valid["{action}"] = "true";'
