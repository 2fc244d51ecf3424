"""Compose cleaning steps into the pipeline that ``strip`` runs.

The whole set of steps and their switches is visible here, in one place (like ftfy's
FIXERS table): ``STEPS`` says, for each step in its fixed order, what it is, which
``CleanConfig`` switch runs it and how it takes part in the pipeline's re-runs;
``build_pipeline`` turns a configuration into the ordered list of pure
``text -> StepOutput`` steps, compiled once and reused for every document.

The removal contract: every step deletes exactly what it reports
(``apply_removals(text, out.removals) == out.text``) except the steps the table declares
``replaces`` (a lone CR becoming LF, script conversion), which report nothing; and
``Pipeline.run`` gives every removal in the raw text's offsets, so that ``strip --explain``,
``check`` and the HTML report all read the one run ``strip`` makes.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import NamedTuple

from . import layout
from .annotations import may_hold_readings, remove_annotations
from .chrome import load_weights, remove_chrome
from .chrome_rules import load_rules
from .markup import remove_markup
from .report import Removals, Result, StepOutput

StepFn = Callable[[str], StepOutput]


class CleanConfig(NamedTuple):
    """Switches of the ``strip`` pipeline (immutable, hashable, picklable for workers)."""

    layout: bool = True
    # Reading-annotation layers: auto (remove a layer, keep an author's notes) | all | none.
    annotations: str = "auto"
    # Markdown and HTML residue of crawlers and exports (link syntax, images, tags,
    # entities, front matter, reader envelopes), removed before chrome judges the lines.
    markup: bool = True
    # Page furniture: the built-in rules plus users' rule files, and an optional table of
    # lines repeated across a corpus (``chrome --learn``) with its document threshold.
    chrome: bool = True
    rules: tuple[str, ...] = ()
    boilerplate: str | None = None
    min_docs: int = 10
    # A weights file refitted with ``tools/train_chrome.py`` instead of the shipped one.
    weights: str | None = None
    # Script: repair a bad earlier S->T conversion, then convert to a target script
    # (simplified | traditional | taiwan | hongkong).  Runs last, so an annotation or a
    # furniture line is never converted into something else.
    to: str | None = None
    repair: bool = False


class Step(NamedTuple):
    """One row of ``STEPS``.

    ``build`` makes the step's function for a configuration; ``enabled`` is its switch.
    ``again``: the step looks again at the output of a later ``settles`` step, first asking
    ``guard`` (a cheap test) when there is one.  ``replaces``: the step substitutes
    characters instead of deleting them and reports no removals (exempt from the replay).
    """

    name: str
    build: Callable[[CleanConfig], StepFn]
    enabled: Callable[[CleanConfig], bool]
    again: bool = False
    settles: bool = False
    guard: Callable[[str], bool] | None = None
    replaces: bool = False


def _chrome(config: CleanConfig) -> StepFn:
    table = None
    if config.boilerplate:  # imported only then: its hashing pulls in OpenSSL (10 ms)
        from .boilerplate import load_table

        table = load_table(config.boilerplate, config.min_docs)
    load_rules(config.rules)  # a bad rule or weights file fails here, before any document
    load_weights(config.weights)
    return partial(remove_chrome, extra_rules=config.rules, boilerplate=table, weights=config.weights)


def _convert(config: CleanConfig) -> StepFn:
    # Imported only when a configuration converts: a plain ``strip`` needs neither the OpenCC
    # backend nor the script tables, and importing them lengthens every start-up.
    from .convert import TARGETS, ConversionError, convert_step

    if config.to and config.to not in TARGETS:
        raise ConversionError(f"unknown target script {config.to!r} (one of: {', '.join(TARGETS)})")
    return partial(convert_step, to=config.to, repair=config.repair)


def _always(config: CleanConfig) -> bool:
    return True


# The steps in their fixed order.  Chrome finds a page's head and foot zones from its body
# paragraphs, and a join can make a new one (two short halves become one paragraph); the
# annotation step decides from the density and the neighbours of the readings, which chrome
# (removing lines) and join (joining them) change; a removed line can bring a reader's
# envelope (markup) to the head.  So after chrome or join removed something, the earlier
# steps marked ``again`` look at its output, and it runs again if they changed anything.
STEPS: tuple[Step, ...] = (
    Step("control", lambda c: layout.remove_control_chars, _always),
    Step("line-ends", lambda c: layout.normalise_line_ends, _always, replaces=True),
    Step("annotations", lambda c: partial(remove_annotations, mode=c.annotations),
         lambda c: c.annotations != "none", again=True, guard=may_hold_readings),
    Step("markup", lambda c: remove_markup, lambda c: c.markup, again=True),
    Step("chrome", _chrome, lambda c: c.chrome, again=True, settles=True),
    Step("join", lambda c: layout.join_broken_paragraphs, lambda c: c.layout, settles=True),
    Step("layout", lambda c: layout.collapse_blank_lines, lambda c: c.layout),
    Step("convert", _convert, lambda c: bool(c.to or c.repair), replaces=True),
)

# Rounds of looking again after a settling step: bounds adversarial input.
ROUNDS = 3


@dataclass(frozen=True)
class Pipeline:
    """An ordered list of named steps; ``run`` threads a text through them."""

    steps: tuple[tuple[str, StepFn], ...]
    # For each step: its ``STEPS`` row (how it takes part in the re-runs).
    rows: tuple[Step, ...]

    def run(self, text: str) -> Result:
        """Clean ``text``; the removals are in its offsets (``Removals.in_raw``).

        Not a fixpoint loop over the whole pipeline: that gives the same output but runs
        every step a second time for nearly every document (2.5 times as slow), as a page
        almost always loses something.  Only a settling step's own output is looked at
        again, by the earlier steps marked ``again`` (``_settle``), which is where a later
        decision can move an earlier one.  Every run of a step, first or again, adds its
        removals to one log of successive runs, mapped to raw offsets when read.
        """
        log: list[list] = []  # per step: the removals of its run and of the runs it caused
        info = {}
        for i, (name, step) in enumerate(self.steps):
            out = step(text)
            runs = [out.removals]
            if out.info:
                info[name] = out.info
            text = out.text
            if out.removals and self.rows[i].settles:
                text = self._settle(i, text, runs)
            log.append(runs)
        return Result(text, Removals.in_raw(log), info)

    def _again(self, i: int, text: str, runs: list) -> tuple[str, bool]:
        """Step ``i`` looking again at ``text`` (after its guard), settled in turn."""
        row = self.rows[i]
        if row.guard is not None and not row.guard(text):
            return text, False
        out = self.steps[i][1](text)
        if not out.removals:
            return text, False
        runs.append(out.removals)
        if row.settles:
            return self._settle(i, out.text, runs), True
        return out.text, True

    def _settle(self, i: int, text: str, runs: list) -> str:
        """After step ``i`` removed something: the earlier ``again`` steps look at its
        output, then step ``i`` runs again, until neither changes anything (``ROUNDS``)."""
        earlier = [j for j in range(i) if self.rows[j].again]
        step = self.steps[i][1]
        for _ in range(ROUNDS):
            changed = False
            for j in earlier:
                text, removed = self._again(j, text, runs)
                changed = changed or removed
            if not changed:
                break
            out = step(text)
            if not out.removals:
                break
            runs.append(out.removals)
            text = out.text
        return text

    @property
    def names(self) -> list[str]:
        return [name for name, _ in self.steps]


@lru_cache(maxsize=16)
def build_pipeline(config: CleanConfig = CleanConfig()) -> Pipeline:  # noqa: B008 (immutable)
    """Build (once per configuration) the steps ``config`` asks for, in their fixed order."""
    rows = tuple(row for row in STEPS if row.enabled(config))
    return Pipeline(tuple((row.name, row.build(config)) for row in rows), rows)
