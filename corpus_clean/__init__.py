"""corpus-clean: clean Chinese web-corpus text for NLP and LLM training corpora.

Library entry points::

    from corpus_clean import clean, clean_and_explain
    clean(raw_text)                    # -> cleaned str
    result = clean_and_explain(raw_text)
    result.text, result.removals       # removals: step, span, text, reason
"""
from __future__ import annotations

from .pipeline import CleanConfig, Pipeline, build_pipeline
from .report import Removal, Result, StepOutput

__version__ = "0.1.0"

__all__ = ["CleanConfig", "Pipeline", "Removal", "Result", "StepOutput", "build_pipeline",
           "clean", "clean_and_explain", "__version__"]


def clean_and_explain(text: str, **options) -> Result:
    """Run the ``strip`` pipeline on ``text``; return the cleaned text and every removal.

    ``options`` are the fields of ``CleanConfig``.
    """
    return build_pipeline(CleanConfig(**options)).run(text)


def clean(text: str, **options) -> str:
    """Run the ``strip`` pipeline on ``text`` and return the cleaned text."""
    return clean_and_explain(text, **options).text
