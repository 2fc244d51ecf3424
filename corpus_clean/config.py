"""The project's configuration file: ``corpus-clean.toml`` or ``[tool.corpus-clean]`` in
``pyproject.toml``, one table per subcommand.

Like ruff, the settings live with the corpus: the first folder from the current one upward
that has a ``corpus-clean.toml`` (tables ``[strip]``, ``[check]``...) or a ``pyproject.toml``
with a ``[tool.corpus-clean]`` table (tables ``[tool.corpus-clean.strip]``...) supplies them;
in one folder ``corpus-clean.toml`` wins.  An error names the file and, where the key is
found, its line.
"""
from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .errors import InputError

COMMANDS = ("strip", "annotations", "chrome", "convert", "check")


@lru_cache(maxsize=1)
def _line_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A table header and a key assignment of a TOML line, compiled on first use: only a
    message naming a setting's line reads them, and every run looks for a configuration."""
    return (re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(#.*)?$"),
            re.compile(r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_.-]+(?:\s*\.\s*(?:"[^"]*"|[A-Za-z0-9_-]+))*)\s*="""))


def _parts(dotted: str) -> list[str]:
    """``tool."corpus-clean".check`` -> ``["tool", "corpus-clean", "check"]``."""
    return [p.strip().strip("\"'") for p in re.findall(r"""\s*("[^"]*"|'[^']*'|[^.]+)\s*(?:\.|$)""", dotted)]


@dataclass(frozen=True)
class ConfigFile:
    """A loaded configuration file; ``prefix`` is where its subcommand tables are."""

    path: str
    data: dict[str, Any]
    text: str
    prefix: tuple[str, ...]

    @property
    def folder(self) -> str:
        return os.path.dirname(os.path.abspath(self.path))

    def table(self, command: str) -> dict[str, Any]:
        """The settings of one subcommand (empty when the file has none)."""
        table = self._root().get(command, {})
        if not isinstance(table, dict):
            raise InputError(f"{self.where(command)}: '{self._name(command)}' must be a table")
        return table

    def where(self, *keys: str) -> str:
        """``path:line`` of the setting ``keys`` (a subcommand, then its keys), or of the
        nearest table that holds it; ``path`` alone when it is not found."""
        line = self.line_of(self.prefix + keys)
        return f"{self.path}:{line}" if line else self.path

    def line_of(self, keys: tuple[str, ...]) -> int | None:
        """The line (from 1) where ``keys`` is set: as ``key =`` under its table's header, as
        a dotted key under a shorter header, or as that table's own header."""
        header_line, key_line = _line_patterns()
        header: tuple[str, ...] = ()
        best = None
        for number, line in enumerate(self.text.splitlines(), 1):
            m = header_line.match(line)
            if m:
                header = tuple(_parts(m.group(1)))
                if header == keys:
                    best = best or number
                continue
            k = key_line.match(line)
            if not k:
                continue
            full = header + tuple(_parts(k.group(1)))
            if full == keys:
                return number
            if keys[:len(full)] == full:  # an inline table that holds the key
                best = best or number
        return best

    def check_commands(self) -> None:
        """Every table names a subcommand: a typo (``[tool.corpus-clean.strp]``) is an error."""
        for key in self._root():
            if key not in COMMANDS:
                raise InputError(f"{self.where(key)}: unknown table '{self._name(key)}' "
                                 f"(the subcommands: {', '.join(COMMANDS)})")

    def _root(self) -> dict[str, Any]:
        root = self.data
        for key in self.prefix:
            root = root.get(key, {})
            if not isinstance(root, dict):
                raise InputError(f"{self.path}: '{'.'.join(self.prefix)}' must be a table")
        return root

    def _name(self, key: str) -> str:
        return ".".join(self.prefix + (key,))


def _read(path: str) -> tuple[dict[str, Any], str]:
    # Imported here: most runs find no configuration file to parse.
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib

    try:
        with open(path, "rb") as fh:
            raw = fh.read()
    except OSError as err:
        raise InputError(f"{path}: cannot read ({err.strerror})") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = 1 + raw.count(b"\n", 0, err.start)
        raise InputError(f"{path}:{line}: not valid UTF-8 (byte offset {err.start}); TOML is UTF-8 text") from None
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as err:
        where = re.search(r"\(at line (\d+), column \d+\)", str(err))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(err))
        raise InputError(f"{path}:{where.group(1)}: invalid TOML ({message})" if where
                         else f"{path}: invalid TOML ({err})") from None


def load_config(path: str) -> ConfigFile:
    """A named file: a ``pyproject.toml`` (tables under ``[tool.corpus-clean]``) or a
    ``corpus-clean.toml`` (tables at the top)."""
    data, text = _read(path)
    prefix = ("tool", "corpus-clean") if os.path.basename(path) == "pyproject.toml" else ()
    config = ConfigFile(path, data, text, prefix)
    config.check_commands()
    return config


def find_config(start: str | None = None) -> ConfigFile | None:
    """The configuration of the nearest configured folder from ``start`` (default: cwd) upward."""
    folder = os.path.abspath(start or os.getcwd())
    while True:
        own = os.path.join(folder, "corpus-clean.toml")
        if os.path.isfile(own):
            return load_config(own)
        pyproject = os.path.join(folder, "pyproject.toml")
        if os.path.isfile(pyproject):
            data, text = _read(pyproject)
            tool = data.get("tool", {})
            if isinstance(tool, dict) and "corpus-clean" in tool:
                config = ConfigFile(pyproject, data, text, ("tool", "corpus-clean"))
                config.check_commands()
                return config
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent
