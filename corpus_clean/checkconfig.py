"""Project settings for ``corpus-clean check``: ``corpus-clean.toml`` or ``pyproject.toml``.

Like ruff, the settings live with the corpus they gate: the first folder from the current
one upward that has a ``corpus-clean.toml`` (table ``[check]``) or a ``pyproject.toml``
with a ``[tool.corpus-clean]`` table (table ``[tool.corpus-clean.check]``) supplies them;
in one folder ``corpus-clean.toml`` wins.  Command-line flags override every setting.
Unknown keys and bad values are errors naming the file, so a typo never silently turns
a gate off.
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

from .errors import InputError
from .findings import SEVERITIES, known_rules, unknown_rules, unknown_rules_message

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

REPORT_FORMATS = ("table", "text", "json", "github", "sarif")
INPUT_FORMATS = ("auto", "text", "jsonl")
SCRIPTS = ("simplified", "traditional")


@dataclass
class CheckSettings:
    """Every setting ``check`` reads from a file; ``None`` means "not set here"."""

    source: str | None = None
    glob: tuple[str, ...] | None = None
    input_format: str | None = None
    field: str | None = None
    line_docs: bool | None = None
    format: str | None = None
    expect_script: str | None = None
    fail_on: tuple[str, ...] | None = None
    max_findings: int | None = None
    max_dirty_ratio: float | None = None
    jobs: int | None = None
    # (rule pattern, severity or "on"), in the order they apply.
    severity: list[tuple[str, str]] = dataclass_field(default_factory=list)
    # (file glob, rule patterns): rules not reported in the files that match (as ruff's).
    per_file_ignores: list[tuple[str, tuple[str, ...]]] = dataclass_field(default_factory=list)
    # Lines for standard error (a deprecated key...).
    notes: list[str] = dataclass_field(default_factory=list)


def _strings(path: str, key: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(v.strip() for v in value.split(",") if v.strip())
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InputError(f"{path}: '{key}' must be a list of strings")
    return tuple(value)


def _choice(path: str, key: str, value: Any, choices: tuple[str, ...]) -> str:
    if value not in choices:
        raise InputError(f"{path}: '{key}' must be one of {', '.join(choices)} (got {value!r})")
    return value


def parse_settings(path: str, table: dict[str, Any]) -> CheckSettings:
    """Validate one ``check`` table; errors name the file and the key."""
    s = CheckSettings(source=path)
    named: list[tuple[str, tuple[str, ...]]] = []  # (key, rule patterns) to validate
    for key, value in table.items():
        if key == "glob":
            s.glob = _strings(path, key, value)
        elif key == "input-format":
            s.input_format = _choice(path, key, value, INPUT_FORMATS)
        elif key == "field":
            if not isinstance(value, str) or not value:
                raise InputError(f"{path}: 'field' must be a non-empty string")
            s.field = value
        elif key == "line-docs":
            if not isinstance(value, bool):
                raise InputError(f"{path}: 'line-docs' must be true or false")
            s.line_docs = value
        elif key in ("output-format", "format"):
            s.format = _choice(path, key, value, REPORT_FORMATS)
            if key == "format":
                s.notes.append(f"{path}: 'format' is deprecated here; use 'output-format' "
                               "(the old name goes in a later release)")
        elif key == "expect-script":
            s.expect_script = _choice(path, key, value, SCRIPTS)
        elif key == "fail-on":
            s.fail_on = _strings(path, key, value)
            named.append((key, s.fail_on))
        elif key == "max-findings":
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise InputError(f"{path}: 'max-findings' must be a whole number >= 0")
            s.max_findings = value
        elif key == "max-dirty-ratio":
            if not isinstance(value, (int, float)) or isinstance(value, bool) or not 0 <= value <= 1:
                raise InputError(f"{path}: 'max-dirty-ratio' must be a number from 0 to 1")
            s.max_dirty_ratio = float(value)
        elif key == "jobs":
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise InputError(f"{path}: 'jobs' must be a whole number >= 0")
            s.jobs = value
        elif key == "enable":
            named.append((key, _strings(path, key, value)))
            s.severity += [(rule, "on") for rule in named[-1][1]]
        elif key == "disable":
            named.append((key, _strings(path, key, value)))
            s.severity += [(rule, "off") for rule in named[-1][1]]
        elif key == "severity":
            if not isinstance(value, dict):
                raise InputError(f"{path}: 'severity' must be a table of rule = level")
            for rule, level in value.items():
                s.severity.append((rule, _choice(path, f"severity.{rule}", level, SEVERITIES)))
            named.append((key, tuple(value)))
        elif key == "per-file-ignores":
            if not isinstance(value, dict):
                raise InputError(f"{path}: 'per-file-ignores' must be a table of \"glob\" = [rules]")
            for glob, rules in value.items():
                patterns = _strings(path, f"per-file-ignores.{glob}", rules)
                s.per_file_ignores.append((glob, patterns))
                named.append((f"per-file-ignores.{glob}", patterns))
        else:
            raise InputError(f"{path}: unknown setting '{key}' for check")
    if named:
        known = known_rules()
        for key, patterns in named:
            bad = unknown_rules(patterns, known)
            if bad:
                raise InputError(unknown_rules_message(f"{path}: '{key}'", bad, known))
    return s


def _load(path: str) -> dict[str, Any]:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as err:
        raise InputError(f"{path}: invalid TOML ({err})") from None
    except UnicodeDecodeError as err:  # tomllib decodes before it parses
        raise InputError(f"{path}: not valid UTF-8 (byte offset {err.start}); TOML is UTF-8 text") from None
    except OSError as err:
        raise InputError(f"{path}: cannot read ({err.strerror})") from None


def _check_table(path: str, data: dict[str, Any], where: str) -> dict[str, Any]:
    table = data.get("check", {})
    if not isinstance(table, dict):
        raise InputError(f"{path}: '{where}' must be a table")
    return table


def load_file(path: str) -> CheckSettings:
    """Settings from a named file: a ``corpus-clean.toml`` or a ``pyproject.toml``."""
    data = _load(path)
    if os.path.basename(path) == "pyproject.toml":
        tool = data.get("tool", {}).get("corpus-clean", {})
        return parse_settings(path, _check_table(path, tool, "tool.corpus-clean.check"))
    return parse_settings(path, _check_table(path, data, "check"))


def find_settings(start: str | None = None) -> CheckSettings:
    """Settings of the nearest configured folder from ``start`` (default: cwd) upward."""
    folder = os.path.abspath(start or os.getcwd())
    while True:
        own = os.path.join(folder, "corpus-clean.toml")
        if os.path.isfile(own):
            return load_file(own)
        pyproject = os.path.join(folder, "pyproject.toml")
        if os.path.isfile(pyproject):
            data = _load(pyproject)
            tool = data.get("tool", {})
            if isinstance(tool, dict) and "corpus-clean" in tool:
                return parse_settings(pyproject, _check_table(pyproject, tool["corpus-clean"],
                                                              "tool.corpus-clean.check"))
        parent = os.path.dirname(folder)
        if parent == folder:
            return CheckSettings()
        folder = parent
