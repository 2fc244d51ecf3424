"""The settings of ``corpus-clean check`` that are more than an option's default: the gate,
rule severities and per-file ignores, from the ``check`` table of the project's
configuration (``corpus_clean.config``).  Command-line flags override every setting; the
table's other keys are check's options (``encoding``, ``rules``...), validated as every
subcommand's are (``cli.config``).  Unknown keys and bad values are errors naming the file
and line, so a typo never silently turns a gate off.
"""
from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

from .config import ConfigFile
from .errors import InputError
from .findings import SEVERITIES, known_rules, unknown_rules, unknown_rules_message

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


# Keys of the ``check`` table read here; the others are options' defaults (``cli.config``).
KEYS = ("glob", "input-format", "field", "line-docs", "output-format", "format", "expect-script", "fail-on",
        "max-findings", "max-dirty-ratio", "jobs", "enable", "disable", "severity", "per-file-ignores")


def parse_settings(config: ConfigFile, others: Collection[str] = ()) -> CheckSettings:
    """Validate the ``check`` table of ``config``; errors name the file, the line and the key.
    ``others``: the keys left to the options' defaults (anything else is unknown)."""
    table = config.table("check")
    s = CheckSettings(source=config.path)

    def at(key: str) -> str:
        return config.where("check", *key.split(".", 1))

    named: list[tuple[str, tuple[str, ...]]] = []  # (key, rule patterns) to validate
    for key, value in table.items():
        if key == "glob":
            s.glob = _strings(at(key), key, value)
        elif key == "input-format":
            s.input_format = _choice(at(key), key, value, INPUT_FORMATS)
        elif key == "field":
            if not isinstance(value, str) or not value:
                raise InputError(f"{at(key)}: 'field' must be a non-empty string")
            s.field = value
        elif key == "line-docs":
            if not isinstance(value, bool):
                raise InputError(f"{at(key)}: 'line-docs' must be true or false")
            s.line_docs = value
        elif key in ("output-format", "format"):
            s.format = _choice(at(key), key, value, REPORT_FORMATS)
            if key == "format":
                s.notes.append(f"{at(key)}: 'format' is deprecated here; use 'output-format' "
                               "(the old name goes in a later release)")
        elif key == "expect-script":
            s.expect_script = _choice(at(key), key, value, SCRIPTS)
        elif key == "fail-on":
            s.fail_on = _strings(at(key), key, value)
            named.append((key, s.fail_on))
        elif key == "max-findings":
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise InputError(f"{at(key)}: 'max-findings' must be a whole number >= 0")
            s.max_findings = value
        elif key == "max-dirty-ratio":
            if not isinstance(value, (int, float)) or isinstance(value, bool) or not 0 <= value <= 1:
                raise InputError(f"{at(key)}: 'max-dirty-ratio' must be a number from 0 to 1")
            s.max_dirty_ratio = float(value)
        elif key == "jobs":
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise InputError(f"{at(key)}: 'jobs' must be a whole number >= 0")
            s.jobs = value
        elif key == "enable":
            named.append((key, _strings(at(key), key, value)))
            s.severity += [(rule, "on") for rule in named[-1][1]]
        elif key == "disable":
            named.append((key, _strings(at(key), key, value)))
            s.severity += [(rule, "off") for rule in named[-1][1]]
        elif key == "severity":
            if not isinstance(value, dict):
                raise InputError(f"{at(key)}: 'severity' must be a table of rule = level")
            for rule, level in value.items():
                s.severity.append((rule, _choice(at(f"severity.{rule}"), f"severity.{rule}", level, SEVERITIES)))
            named.append((key, tuple(value)))
        elif key == "per-file-ignores":
            if not isinstance(value, dict):
                raise InputError(f"{at(key)}: 'per-file-ignores' must be a table of \"glob\" = [rules]")
            for glob, rules in value.items():
                patterns = _strings(at(f"per-file-ignores.{glob}"), f"per-file-ignores.{glob}", rules)
                s.per_file_ignores.append((glob, patterns))
                named.append((f"per-file-ignores.{glob}", patterns))
        elif key not in others:
            raise InputError(f"{at(key)}: unknown setting '{key}' for check")
    if named:
        known = known_rules()
        for key, patterns in named:
            bad = unknown_rules(patterns, known)
            if bad:
                raise InputError(unknown_rules_message(f"{at(key)}: '{key}'", bad, known))
    return s
