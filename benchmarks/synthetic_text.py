"""Prose for synthetic lessons: varied, deterministic sentences about industrial parks.

The words are chosen so that generated text never contains Markdown or GIFT syntax by accident
(no `$`, `*`, `_`, `#`, `{`, `}`, `=`, `~`, `:`); markup is added on purpose by the caller.
"""
from __future__ import annotations

import random

SUBJECTS = (
    "The park developer", "A national investment agency", "The zone regulator", "Each tenant firm",
    "The operator", "A municipal council", "The ministry of industry", "An infrastructure lender",
    "A local supplier", "The one-stop shop", "A private consortium", "The workers' union",
    "The environmental authority", "A utility company", "A small enterprise", "A foreign investor",
)
VERBS = (
    "plans", "finances", "monitors", "reviews", "negotiates", "expands", "maintains", "assesses",
    "publishes", "coordinates", "prices", "regulates", "markets", "upgrades", "audits", "phases",
)
OBJECTS = (
    "the land-use budget", "the common effluent treatment plant", "serviced plots", "the master plan",
    "power and water supply", "lease conditions", "the incentive package", "access roads",
    "a demand assessment", "the environmental and social management plan", "ready-built factories",
    "the customs procedures", "training for local workers", "the park's green buffers",
    "the revenue model", "drainage for heavier rainfall", "a shared logistics hub", "the grievance mechanism",
)
QUALIFIERS = (
    "before the first phase opens", "in consultation with nearby communities", "every year",
    "when take-up exceeds the forecast", "with clear performance indicators", "under the park law",
    "as tenants arrive", "against international standards", "within the agreed budget",
    "so that investors can plan ahead", "without waiting for the next phase", "with independent reviewers",
    "in line with the national industrial policy", "while the site is still being serviced",
)
CONNECTORS = (
    "In practice,", "As a rule,", "By contrast,", "For this reason,", "In many countries,",
    "At the same time,", "Over the long term,", "In the first years,", "Where budgets are tight,",
)
TOPICS = (
    "Site selection", "Demand assessment", "Master planning", "Infrastructure", "Phasing", "Financing",
    "Land pricing", "Incentives", "Governance", "One-stop shops", "Monitoring", "Environmental safeguards",
    "Social safeguards", "Industrial symbiosis", "Climate resilience", "Skills and training",
    "Tenant services", "Marketing", "Risk management", "Evaluation",
)
LIST_ITEMS = (
    "publish the plot prices and the lease terms", "meter water and power for each tenant",
    "set effluent limits in every lease", "reserve land for future phases",
    "agree who pays for off-site infrastructure", "train staff of the one-stop shop",
    "review the incentive package every three years", "keep a register of grievances and answers",
    "report occupancy and jobs every quarter", "plan maintenance in the annual budget",
)


class Prose:
    """Deterministic sentence and paragraph maker (the same seed gives the same text)."""

    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)

    def pick(self, choices: tuple[str, ...]) -> str:
        return self.random.choice(choices)

    def sentence(self) -> str:
        opener = f"{self.pick(CONNECTORS)} " if self.random.random() < 0.35 else ""
        subject = self.pick(SUBJECTS)
        if opener:
            subject = subject[0].lower() + subject[1:]
        return f"{opener}{subject} {self.pick(VERBS)} {self.pick(OBJECTS)} {self.pick(QUALIFIERS)}."

    def paragraph(self, sentences: int | None = None) -> str:
        count = sentences or self.random.randint(3, 6)
        parts = [self.sentence() for _ in range(count)]
        # Some emphasis, as authors write it.
        if self.random.random() < 0.4:
            parts.append(f"The key is **{self.pick(OBJECTS)}**, agreed *early* and reviewed often.")
        return "\n".join(_wrap(" ".join(parts)))

    def bullets(self, count: int) -> str:
        items = self.random.sample(LIST_ITEMS, count)
        return "\n".join(f"- {item[0].upper()}{item[1:]}." for item in items)

    def steps(self, count: int) -> str:
        items = self.random.sample(LIST_ITEMS, count)
        return "\n".join(f"{n}. {item[0].upper()}{item[1:]}." for n, item in enumerate(items, start=1))

    def title(self) -> str:
        return f"{self.pick(TOPICS)} and {self.pick(TOPICS).lower()}"


def _wrap(text: str, width: int = 100) -> list[str]:
    """Break prose into source lines as authors do (Markdown joins them again)."""
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return lines + [line] if line else lines


def word_count(markdown: str) -> int:
    return len([token for token in markdown.split() if any(c.isalpha() for c in token)])
