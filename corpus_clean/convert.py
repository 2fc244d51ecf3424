"""Script conversion between Simplified and Traditional Chinese, through OpenCC: the
``convert`` step (optional repair, then conversion to a configuration or a target script).

The backend (which ``opencc`` module is installed, its converters, configuration files)
lives in ``opencc_backend``; this module re-exports the names its callers use.
"""
from __future__ import annotations

from .opencc_backend import CONFIGS, ConversionError, backend, converter
from .report import StepOutput
from .script import detect_script

__all__ = ["CONFIGS", "STEP", "TARGETS", "ConversionError", "backend", "config_for", "convert", "convert_step",
           "converter"]

STEP = "convert"

# --to TARGET: the configuration for a document by its detected script (None: leave as is).
TARGETS: dict[str, dict[str, str | None]] = {
    "simplified": {"traditional": "t2s", "mixed": "t2s", "simplified": None, "none": None},
    "traditional": {"simplified": "s2t", "mixed": "s2t", "traditional": None, "none": None},
    "taiwan": {"simplified": "s2tw", "mixed": "s2tw", "traditional": "t2tw", "none": None},
    "hongkong": {"simplified": "s2hk", "mixed": "s2hk", "traditional": "t2hk", "none": None},
}


# OpenCC converts a long text in pieces of about this many characters, each ending at a line
# break: its segmentation of one 20 MB string takes twice as long as of the same text in
# pieces (as its own command-line tool reads it), and no dictionary entry spans a line break,
# so the pieces convert exactly as the whole.
PIECE_CHARS = 1 << 15


def convert(text: str, config: str) -> str:
    """Convert ``text`` with an OpenCC configuration; text without Han characters is returned as is."""
    if not text or text.isascii():
        return text
    run = converter(config).convert
    if len(text) <= PIECE_CHARS:
        return run(text)
    out = []
    start, n = 0, len(text)
    while start < n:
        end = text.find("\n", start + PIECE_CHARS)
        end = n if end < 0 else end + 1
        out.append(run(text[start:end]))
        start = end
    return "".join(out)


def config_for(text: str, target: str) -> str | None:
    """The configuration that brings ``text`` to ``target`` script, or None (already there)."""
    try:
        table = TARGETS[target]
    except KeyError:
        raise ConversionError(f"unknown target script {target!r} (one of: {', '.join(TARGETS)})") from None
    return table[detect_script(text).script]


def convert_step(text: str, config: str | None = None, to: str | None = None,
                 repair: bool = False) -> StepOutput:
    """The ``convert`` step: optional repair of a bad earlier conversion, then conversion.

    ``config`` names an OpenCC configuration; ``to`` a target script chosen per document
    from its detected script.  Conversion replaces characters; it removes nothing, so the
    step reports its choices in ``info`` rather than as removals.
    """
    info: dict = {}
    if repair:
        from .repair import repair_conversion

        text, fixes = repair_conversion(text)
        info["repaired"] = len(fixes)
    if to is not None:
        config = config_for(text, to)
    if config is not None:
        text = convert(text, config)
    info["config"] = config
    return StepOutput(text, [], info)
