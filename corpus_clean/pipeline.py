"""Compose cleaning steps into the pipeline that ``strip`` runs.

The whole set of steps and their switches is visible here, in one place (like ftfy's
config table): ``CleanConfig`` says what runs, ``build_pipeline`` turns it into an ordered
list of pure ``text -> StepOutput`` steps, compiled once and reused for every document.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import NamedTuple

from .annotations import may_hold_readings, remove_annotations
from .chrome import load_rules, load_weights, remove_chrome
from .convert import TARGETS, ConversionError, convert_step
from .layout import collapse_blank_lines, join_broken_paragraphs, remove_control_chars
from .markup import remove_markup
from .report import Removal, Removals, Result, StepOutput, compose_removals

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


@dataclass(frozen=True)
class Pipeline:
    """An ordered list of named steps; ``run`` threads a text through them."""

    steps: tuple[tuple[str, StepFn], ...]

    def run(self, text: str) -> Result:
        removals = []
        info = {}
        for name, step in self.steps:
            out = step(text)
            removals.append(out.removals)
            if out.info:
                info[name] = out.info
            text = out.text
        return Result(text, Removals.chain(removals), info)

    @property
    def names(self) -> list[str]:
        return [name for name, _ in self.steps]


def settle(text: str, step: StepFn, recheck: StepFn) -> StepOutput:
    """Run ``step``; when it changed something, let ``recheck`` look again at its output,
    and ``step`` after it, until neither changes anything (three rounds bound adversarial
    input).  The removals of every round are mapped back to offsets in ``text``.

    Steps decide on the whole document, so a later step can move an earlier one's
    decision, and a second ``strip`` would then remove more: chrome finds a page's head and
    foot zones from its body paragraphs, and a join can make a new one (two short halves
    become one paragraph); the annotation step decides from the density and the neighbours
    of the readings, which chrome (removing lines) and join (joining them) change.
    """
    out = step(text)
    removals, current, info = out.removals, out.text, out.info
    for _ in range(3):
        if not out.removals:
            break
        again = recheck(current)
        if not again.removals:
            break
        removals = compose_removals(text, removals, again.removals)
        out = step(again.text)
        removals = compose_removals(text, removals, out.removals)
        current = out.text
    return StepOutput(current, removals, info)


def in_turn(text: str, steps: tuple[StepFn | None, ...]) -> StepOutput:
    """The given steps one after another, as one step (removals in ``text``'s offsets)."""
    removals: Sequence[Removal] = []
    current = text
    for step in steps:
        if step is None:
            continue
        out = step(current)
        if out.removals:
            removals = compose_removals(text, removals, out.removals)
            current = out.text
    return StepOutput(current, removals)


def _readings_again(text: str, annotations: StepFn) -> StepOutput:
    """The annotation step again, only when a bracketed romanisation is left (one regex
    search decides; most texts skip the step)."""
    return annotations(text) if may_hold_readings(text) else StepOutput(text)


@lru_cache(maxsize=16)
def build_pipeline(config: CleanConfig = CleanConfig()) -> Pipeline:  # noqa: B008 (immutable)
    """Build (once per configuration) the steps ``config`` asks for, in their fixed order."""
    steps: list[tuple[str, StepFn]] = [("control", remove_control_chars)]
    annotations = None
    if config.annotations != "none":
        annotations = partial(remove_annotations, mode=config.annotations)
        steps.append(("annotations", annotations))
    markup = remove_markup if config.markup else None
    if markup:
        steps.append(("markup", markup))
    chrome = None
    if config.chrome:
        table = None
        if config.boilerplate:  # imported only then: its hashing pulls in OpenSSL (10 ms)
            from .boilerplate import load_table

            table = load_table(config.boilerplate, config.min_docs)
        load_rules(config.rules)  # a bad rule or weights file fails here, before any document
        load_weights(config.weights)
        chrome = partial(remove_chrome, extra_rules=config.rules, boilerplate=table, weights=config.weights)
    readings = partial(_readings_again, annotations=annotations) if annotations else None
    # markup looks again too: a removed line can bring a reader's envelope to the head
    again = partial(in_turn, steps=(readings, markup)) if readings and markup else readings or markup
    if chrome:
        if again:
            chrome = partial(settle, step=chrome, recheck=again)
        steps.append(("chrome", chrome))
    if config.layout:
        # after a join, the earlier steps look again, as they run here (chrome settled)
        recheck = partial(in_turn, steps=(readings, markup, chrome)) if again or chrome else None
        steps.append(("join", partial(settle, step=join_broken_paragraphs, recheck=recheck)
                      if recheck else join_broken_paragraphs))
        steps.append(("layout", collapse_blank_lines))
    if config.to or config.repair:
        if config.to and config.to not in TARGETS:
            raise ConversionError(f"unknown target script {config.to!r} (one of: {', '.join(TARGETS)})")
        steps.append(("convert", partial(convert_step, to=config.to, repair=config.repair)))
    return Pipeline(tuple(steps))
