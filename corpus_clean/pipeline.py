"""Compose cleaning steps into the pipeline that ``strip`` runs.

The whole set of steps and their switches is visible here, in one place (like ftfy's
config table): ``CleanConfig`` says what runs, ``build_pipeline`` turns it into an ordered
list of pure ``text -> StepOutput`` steps, compiled once and reused for every document.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import NamedTuple

from . import layout
from .annotations import remove_annotations
from .chrome import load_rules, remove_chrome
from .convert import TARGETS, ConversionError, convert_step
from .report import Removals, Result, StepOutput, compose_removals

StepFn = Callable[[str], StepOutput]


class CleanConfig(NamedTuple):
    """Switches of the ``strip`` pipeline (immutable, hashable, picklable for workers)."""

    layout: bool = True
    # Reading-annotation layers: auto (remove a layer, keep an author's notes) | all | none.
    annotations: str = "auto"
    # Page furniture: the built-in rules plus users' rule files, and an optional table of
    # lines repeated across a corpus (``chrome --learn``) with its document threshold.
    chrome: bool = True
    rules: tuple[str, ...] = ()
    boilerplate: str | None = None
    min_docs: int = 10
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


def join_and_recheck(text: str, chrome: StepFn) -> StepOutput:
    """Join cut paragraphs, then let ``chrome`` look again at the joined text.

    Chrome finds a page's head and foot zones from its body paragraphs, and a join can make
    a new one (two short halves become one paragraph), which moves a zone: a second
    ``strip`` would then remove more.  So when a join happened, chrome runs again, and join
    after it, until neither changes anything (three rounds bound adversarial input).  The
    removals of every round are mapped back to offsets in ``text``.
    """
    out = layout.join_broken_paragraphs(text)
    removals, current = out.removals, out.text
    for _ in range(3):
        if not out.removals:
            break
        again = chrome(current)
        if not again.removals:
            break
        removals = compose_removals(text, removals, again.removals)
        out = layout.join_broken_paragraphs(again.text)
        removals = compose_removals(text, removals, out.removals)
        current = out.text
    return StepOutput(current, removals)


@lru_cache(maxsize=16)
def build_pipeline(config: CleanConfig = CleanConfig()) -> Pipeline:  # noqa: B008 (immutable)
    """Build (once per configuration) the steps ``config`` asks for, in their fixed order."""
    steps: list[tuple[str, StepFn]] = [("control", layout.remove_control_chars)]
    if config.annotations != "none":
        steps.append(("annotations", partial(remove_annotations, mode=config.annotations)))
    chrome = None
    if config.chrome:
        table = None
        if config.boilerplate:  # imported only then: its hashing pulls in OpenSSL (10 ms)
            from .boilerplate import load_table

            table = load_table(config.boilerplate, config.min_docs)
        load_rules(config.rules)  # a bad rule file fails here, before any document
        chrome = partial(remove_chrome, extra_rules=config.rules, boilerplate=table)
        steps.append(("chrome", chrome))
    if config.layout:
        steps.append(("join", partial(join_and_recheck, chrome=chrome) if chrome else
                      layout.join_broken_paragraphs))
        steps.append(("layout", layout.collapse_blank_lines))
    if config.to or config.repair:
        if config.to and config.to not in TARGETS:
            raise ConversionError(f"unknown target script {config.to!r} (one of: {', '.join(TARGETS)})")
        steps.append(("convert", partial(convert_step, to=config.to, repair=config.repair)))
    return Pipeline(tuple(steps))
