"""The OpenCC backend that script conversion, script detection and repair share.

One small interface, two backends, detected rather than configured:

* the official OpenCC binding (PyPI ``opencc``, the default dependency): the reference
  implementation, 543/543 on OpenCC's own conformance suite, and fast (C++);
* opencc-python-reimplemented (pure Python, OpenCC 1.1.6 dictionaries), used when it is the
  ``opencc`` module installed: slower and less exact, but needs no compiled code.

Both install a top-level module named ``opencc``, so only one can be present.  Converters
are built lazily, once per configuration and process.  This module holds only the backend
(which one is installed, its converters, OpenCC configuration files), so that ``convert``,
``script`` and ``repair`` all build on it and none of them imports another's step.
"""
from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from .errors import InputError
from .io import load_json_file

CONFIGS = ("s2t", "t2s", "s2tw", "tw2s", "s2twp", "tw2sp", "s2hk", "hk2s", "t2tw", "tw2t", "t2hk",
           "hk2t", "s2hkp", "hk2sp", "jp2t", "t2jp")


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


def is_config_file(config: str) -> bool:
    """Whether ``config`` names an OpenCC configuration file rather than a built-in name."""
    return config not in CONFIGS and (config.endswith(".json") and config[:-5] not in CONFIGS
                                      or os.sep in config or "/" in config or os.path.exists(config))


@lru_cache(maxsize=32)
def converter(config: str):
    """The backend's converter for ``config``, built once per process: a built-in name
    (``t2s``, or ``t2s.json`` as OpenCC spells it) or the path of an OpenCC configuration
    file (JSON, as OpenCC's own ``-c`` takes; official backend only)."""
    if config.endswith(".json") and config[:-5] in CONFIGS and not os.path.exists(config):
        config = config[:-5]
    if is_config_file(config):
        return _file_converter(config)
    if config not in CONFIGS:
        raise ConversionError(f"unknown conversion configuration {config!r} "
                              f"(one of: {', '.join(CONFIGS)}; or the path of an OpenCC configuration file)")
    import opencc

    try:
        return opencc.OpenCC(config)
    except Exception as err:  # noqa: BLE001 (each backend raises its own error for a missing configuration)
        raise ConversionError(f"the {backend().name} backend has no configuration {config!r} ({err})") from None


def _dict_files(node) -> Iterator[dict]:
    """Every dictionary entry with a ``file`` in an OpenCC configuration, nested groups too."""
    if isinstance(node, dict):
        if isinstance(node.get("file"), str):
            yield node
        for value in node.values():
            yield from _dict_files(value)
    elif isinstance(node, list):
        for value in node:
            yield from _dict_files(value)


def _file_converter(path: str):
    """A converter from an OpenCC configuration file.

    Its dictionaries are looked for as OpenCC does, next to the file (or at their absolute
    path), and then among the dictionaries bundled with the opencc package, so that a custom
    configuration can chain the built-in ``STPhrases.ocd2`` with a dictionary of its own."""
    if backend().name != "opencc":
        raise ConversionError(f"{path}: the {backend().name} backend has only its built-in configurations; "
                              "an OpenCC configuration file needs the opencc package (pip install opencc)")
    data = load_json_file(path, "OpenCC configuration file", "an OpenCC configuration", ConversionError)
    if not isinstance(data, dict) or not isinstance(data.get("conversion_chain"), list):
        raise ConversionError(f"{path}: not an OpenCC configuration (no \"conversion_chain\" list)")
    import opencc

    here = os.path.dirname(os.path.abspath(path))
    bundled = getattr(opencc, "_opencc_share_dir", None)
    rewritten = False
    for entry in _dict_files(data):
        name = entry["file"]
        if os.path.isfile(os.path.join(here, name)):
            entry["file"] = os.path.join(here, name)
        elif bundled and os.path.isfile(os.path.join(bundled, name)):
            entry["file"] = os.path.join(bundled, name)
        else:
            raise ConversionError(f"{path}: dictionary {name!r} not found (looked next to the configuration "
                                  "file and among OpenCC's bundled dictionaries)")
        rewritten = True
    # The binding reads a file: give it the configuration with every dictionary's full path.
    with tempfile.TemporaryDirectory(prefix="corpus-clean-opencc-") as tmp:
        resolved = os.path.join(tmp, os.path.basename(path) if path.endswith(".json") else "config.json")
        with open(resolved, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False)
        try:
            return opencc.OpenCC(resolved if rewritten else os.path.abspath(path))
        except Exception as err:  # noqa: BLE001 (the binding raises RuntimeError with OpenCC's own message)
            raise ConversionError(f"{path}: OpenCC cannot use this configuration ({err})") from None
