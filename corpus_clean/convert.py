"""Script conversion between Simplified and Traditional Chinese, through OpenCC.

One small interface, two backends, detected rather than configured:

* the official OpenCC binding (PyPI ``opencc``, the default dependency): the reference
  implementation, 543/543 on OpenCC's own conformance suite, and fast (C++);
* opencc-python-reimplemented (pure Python, OpenCC 1.1.6 dictionaries), used when it is the
  ``opencc`` module installed: slower and less exact, but needs no compiled code.

Both install a top-level module named ``opencc``, so only one can be present.  Converters
are built lazily, once per configuration and process.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .errors import InputError
from .report import StepOutput
from .script import detect_script

STEP = "convert"

CONFIGS = ("s2t", "t2s", "s2tw", "tw2s", "s2twp", "tw2sp", "s2hk", "hk2s", "t2tw", "tw2t", "t2hk",
           "hk2t", "s2hkp", "hk2sp", "jp2t", "t2jp")

# --to TARGET: the configuration for a document by its detected script (None: leave as is).
TARGETS: dict[str, dict[str, str | None]] = {
    "simplified": {"traditional": "t2s", "mixed": "t2s", "simplified": None, "none": None},
    "traditional": {"simplified": "s2t", "mixed": "s2t", "traditional": None, "none": None},
    "taiwan": {"simplified": "s2tw", "mixed": "s2tw", "traditional": "t2tw", "none": None},
    "hongkong": {"simplified": "s2hk", "mixed": "s2hk", "traditional": "t2hk", "none": None},
}


class ConversionError(InputError):
    """A configuration the installed backend does not have (exit status 2)."""


@dataclass(frozen=True)
class Backend:
    name: str  # "opencc" | "opencc-python-reimplemented"
    version: str
    dictionaries: str

    def describe(self) -> str:
        return f"backend: {self.name} {self.version}; dictionaries: {self.dictionaries}"


@lru_cache(maxsize=1)
def backend() -> Backend:
    """Which ``opencc`` module is installed (the official binding or the pure-Python one)."""
    try:
        import opencc
    except ImportError:
        raise ConversionError("script conversion needs OpenCC: pip install opencc") from None
    if hasattr(opencc, "opencc_clib"):
        return Backend("opencc", opencc.__version__, f"OpenCC {opencc.__version__} (bundled)")
    from importlib import metadata

    try:
        version = metadata.version("opencc-python-reimplemented")
    except metadata.PackageNotFoundError:
        version = "unknown"
    return Backend("opencc-python-reimplemented", version, "OpenCC 1.1.6 (bundled with the package)")


@lru_cache(maxsize=32)
def converter(config: str):
    """The backend's converter for ``config`` (``t2s``...), built once per process."""
    if config not in CONFIGS:
        raise ConversionError(f"unknown conversion configuration {config!r} "
                              f"(one of: {', '.join(CONFIGS)})")
    import opencc

    try:
        return opencc.OpenCC(config)
    except Exception as err:  # noqa: BLE001 (each backend raises its own error for a missing configuration)
        raise ConversionError(f"the {backend().name} backend has no configuration {config!r} ({err})") from None


def convert(text: str, config: str) -> str:
    """Convert ``text`` with an OpenCC configuration; text without Han characters is returned as is."""
    if not text or text.isascii():
        return text
    return converter(config).convert(text)


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
