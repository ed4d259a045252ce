"""Small inline SVG charts for the report page: drawn here, so the page needs nothing from outside.

Every chart has a <title> and text labels, so a screen reader reads what the eye sees; colours are
also told apart by position and labels, never by colour alone.
"""
from __future__ import annotations

from html import escape

from builder.report.flags import LOW_DISCRIMINATION, TOO_EASY, TOO_HARD
from builder.report.stats import QuestionStats, ResponseCount

BAR, GAP, LABEL = 16, 6, 44


def overview_chart(questions: list[QuestionStats]) -> str:
    """Facility (0..1) and discrimination (-1..1) of every graded question, side by side."""
    rows = [q for q in questions if q.facility is not None]
    if not rows:
        return ""
    width, half = 640, 250
    height = 34 + len(rows) * (BAR + GAP)
    f0, d0 = LABEL + 6, LABEL + 6 + half + 40          # left edges of the two plots
    d_mid = d0 + half / 2
    parts = [f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
             'xmlns="http://www.w3.org/2000/svg"><title>Facility and discrimination of each question</title>',
             f'<text x="{f0}" y="14" class="axis">facility 0–100%</text>',
             f'<text x="{d0}" y="14" class="axis">discrimination −1 … +1</text>',
             _rule(f0 + half * TOO_HARD, height), _rule(f0 + half * TOO_EASY, height),
             _rule(d_mid, height, solid=True), _rule(d_mid + half / 2 * LOW_DISCRIMINATION, height)]
    for n, q in enumerate(rows):
        y = 24 + n * (BAR + GAP)
        parts.append(f'<text x="{LABEL}" y="{y + BAR - 4}" text-anchor="end" class="label">{escape(_short(q.id))}</text>')
        fw = half * q.facility
        band = "warn" if q.facility >= TOO_EASY or q.facility <= TOO_HARD else "ok"
        parts.append(f'<rect x="{f0}" y="{y}" width="{fw:.1f}" height="{BAR}" class="bar {band}"><title>{escape(q.id)}: '
                     f'facility {q.facility:.0%}</title></rect>')
        parts.append(f'<text x="{f0 + fw + 4:.1f}" y="{y + BAR - 4}" class="value">{q.facility:.0%}</text>')
        if q.discrimination is None:
            parts.append(f'<text x="{d_mid + 4}" y="{y + BAR - 4}" class="value">n/a</text>')
            continue
        dx = half / 2 * q.discrimination
        band = "bad" if q.discrimination < 0 else "warn" if q.discrimination < LOW_DISCRIMINATION else "ok"
        parts.append(f'<rect x="{min(d_mid, d_mid + dx):.1f}" y="{y}" width="{abs(dx):.1f}" height="{BAR}" class="bar {band}">'
                     f'<title>{escape(q.id)}: discrimination {q.discrimination:+.2f}</title></rect>')
        parts.append(f'<text x="{d_mid + max(dx, 0) + 4:.1f}" y="{y + BAR - 4}" class="value">{q.discrimination:+.2f}</text>')
    parts.append("</svg>")
    return "".join(parts)


def choice_chart(rows: list[ResponseCount], total: int) -> str:
    """How often each choice (or response) was given; right answers marked ✓."""
    if not rows or not total:
        return ""
    rows = rows[:12]
    width, label_w, plot = 640, 300, 260
    height = 8 + len(rows) * (BAR + GAP)
    parts = [f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
             'xmlns="http://www.w3.org/2000/svg"><title>How often each answer was given</title>']
    for n, row in enumerate(rows):
        y = 4 + n * (BAR + GAP)
        right = (row.credit or 0) > 0
        mark = "✓ " if right else ""
        parts.append(f'<text x="{label_w - 6}" y="{y + BAR - 4}" text-anchor="end" class="label">{escape(mark + _short(row.label, 46))}</text>')
        w = plot * row.count / total
        parts.append(f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{BAR}" class="bar {"ok" if right else "other"}">'
                     f'<title>{escape(row.label)}: {row.count}</title></rect>')
        parts.append(f'<text x="{label_w + w + 4:.1f}" y="{y + BAR - 4}" class="value">{row.count} ({row.count / total:.0%})</text>')
    parts.append("</svg>")
    return "".join(parts)


def _rule(x: float, height: int, solid: bool = False) -> str:
    return f'<line x1="{x:.1f}" y1="20" x2="{x:.1f}" y2="{height}" class="{"zero" if solid else "threshold"}"/>'


def _short(text: str, length: int = 8) -> str:
    if length == 8:            # question ids: "q07-m1-q07-revenue..." -> "q07"
        return text.split("-", 1)[0]
    return text if len(text) <= length else text[:length - 1] + "…"
