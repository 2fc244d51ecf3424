"""corpus-clean: clean Chinese web-corpus text for NLP and LLM training corpora.

Library entry points::

    from corpus_clean import clean, clean_and_explain
    clean(raw_text)                    # -> cleaned str
    result = clean_and_explain(raw_text)
    result.text, result.removals       # removals: step, span, text, reason
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .pipeline import CleanConfig, Pipeline, build_pipeline
    from .report import Removal, Result, StepOutput

__version__ = "0.1.0"


def __getattr__(name: str):
    """The public names load their modules on first use, so ``import corpus_clean`` (and
    ``corpus-clean --help``) stays fast, and the command line takes over Ctrl-C before
    anything heavy is imported."""
    if name in ("CleanConfig", "Pipeline", "build_pipeline"):
        from . import pipeline

        return getattr(pipeline, name)
    if name in ("Removal", "Result", "StepOutput"):
        from . import report

        return getattr(report, name)
    raise AttributeError(f"module 'corpus_clean' has no attribute {name!r}")

__all__ = [
    "CleanConfig",
    "Pipeline",
    "Removal",
    "Result",
    "StepOutput",
    "__version__",
    "build_pipeline",
    "clean",
    "clean_and_explain",
]


def clean_and_explain(text: str, **options) -> Result:
    """Run the ``strip`` pipeline on ``text``; return the cleaned text and every removal.

    ``options`` are the fields of ``CleanConfig``; ``rules`` (extra chrome rule files) takes
    one path (``str`` or ``os.PathLike``) or a list of them, ``boilerplate`` and ``weights``
    a path of either kind.
    """
    import os

    from .pipeline import CleanConfig, build_pipeline

    rules = options.get("rules")
    if rules is not None:
        options["rules"] = ((os.fspath(rules),) if isinstance(rules, (str, os.PathLike))
                            else tuple(os.fspath(r) for r in rules))
    for key in ("boilerplate", "weights"):
        if isinstance(options.get(key), os.PathLike):
            options[key] = os.fspath(options[key])
    return build_pipeline(CleanConfig(**options)).run(text)


def clean(text: str, **options) -> str:
    """Run the ``strip`` pipeline on ``text`` and return the cleaned text."""
    return clean_and_explain(text, **options).text
