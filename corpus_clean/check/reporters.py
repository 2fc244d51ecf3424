"""Render ``check`` findings: a table for people, lines for grep, JSON, GitHub, SARIF.

Every reporter takes findings one at a time (``add``) and finishes with the run's counts
(``close``).  The line formats stream; the table and SARIF need the whole list.

- ``text``: ``file:line:col: rule [severity] message``, one a line (the default when piped)
- ``json``: one JSON object a line with the keys of ``findings.JSON_KEYS``
- ``github``: workflow commands (``::error file=…,line=…,col=…,title=…::message``) that
  annotate the pull request's files
- ``sarif``: one SARIF 2.1.0 log for code-scanning tools (``github/codeql-action/upload-sarif``)
- ``table``: a rich table, a few rows per rule and file, and a summary (the default on a terminal)
"""
from __future__ import annotations

import json
import os
import pathlib
from abc import ABC, abstractmethod
from typing import IO
from urllib.parse import quote as url_quote

from .. import __version__
from ..findings import Finding, SeverityTable
from .gate import Stats

FORMATS = ("table", "text", "json", "github", "sarif")
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
# Table: at most this many rows for one rule in one file, then a "+N more" row.
TABLE_ROWS_PER_RULE = 5
_LEVEL = {"error": "error", "warning": "warning", "note": "note"}
_GITHUB = {"error": "error", "warning": "warning", "note": "notice"}


def summary_line(stats: Stats, failures: list[str]) -> str:
    """One line: what was checked, what was found, and the verdict."""
    text = (f"checked {stats.files} file{'s' if stats.files != 1 else ''}, "
            f"{stats.documents} document{'s' if stats.documents != 1 else ''}: "
            f"{stats.findings} finding{'s' if stats.findings != 1 else ''} ({stats.counted} counted), "
            f"{stats.dirty} dirty document{'s' if stats.dirty != 1 else ''} ({stats.dirty_ratio:.2%})")
    left_out = [f"{n} {what}" for n, what in ((stats.baselined, "in the baseline"),
                                               (stats.ignored, "ignored per file")) if n]
    if left_out:
        text += f" [not reported: {', '.join(left_out)}]"
    return text + ("; FAILED: " + "; ".join(failures) if failures else "; passed")


def location(f: Finding) -> str:
    where = f.file
    if f.line is not None:
        where += f":{f.line}"
        if f.column is not None:
            where += f":{f.column}"
    return where


class Reporter(ABC):
    def __init__(self, out: IO[str], rules: SeverityTable):
        self.out = out
        self.rules = rules

    @abstractmethod
    def add(self, finding: Finding) -> None:
        """Report one finding (or keep it for ``close``)."""

    def close(self, stats: Stats, failures: list[str]) -> None:
        """Finish the report (formats that need every finding write it here)."""


class TextReporter(Reporter):
    def add(self, f: Finding) -> None:
        record = f" (record {f.record})" if f.record is not None else ""
        self.out.write(f"{location(f)}: {f.rule} [{f.severity}] {f.message}{record}\n")


class JsonReporter(Reporter):
    def add(self, f: Finding) -> None:
        self.out.write(json.dumps(f.to_dict(), ensure_ascii=False) + "\n")


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubReporter(Reporter):
    """GitHub Actions workflow commands; see "Workflow commands for GitHub Actions"."""

    def add(self, f: Finding) -> None:
        props = [f"file={_gh_property(f.file)}"]
        if f.line is not None:
            props.append(f"line={f.line}")
            if f.column is not None:
                props.append(f"col={f.column}")
        props.append(f"title={_gh_property(f'corpus-clean {f.rule}')}")
        record = f" (record {f.record})" if f.record is not None else ""
        self.out.write(f"::{_GITHUB[f.severity]} {','.join(props)}::{_gh_data(f.message + record)}\n")


def _artifact(path: str) -> dict:
    if path.startswith("<"):
        return {"uri": url_quote(path)}
    if os.path.isabs(path):
        return {"uri": pathlib.Path(path).as_uri()}
    return {"uri": url_quote(path.replace(os.sep, "/")), "uriBaseId": "%SRCROOT%"}


class SarifReporter(Reporter):
    """One SARIF 2.1.0 log (OASIS standard); columns count Unicode code points."""

    def __init__(self, out: IO[str], rules: SeverityTable):
        super().__init__(out, rules)
        self.results: list[dict] = []
        self.rule_index: dict[str, int] = {}

    def add(self, f: Finding) -> None:
        index = self.rule_index.setdefault(f.rule, len(self.rule_index))
        physical: dict = {"artifactLocation": _artifact(f.file)}
        if f.line is not None:
            region: dict = {"startLine": f.line}
            if f.column is not None:
                region["startColumn"] = f.column
            if f.text:
                region["snippet"] = {"text": f.text}
            physical["region"] = region
        result = {"ruleId": f.rule, "ruleIndex": index, "level": _LEVEL[f.severity],
                  "message": {"text": f.message}, "locations": [{"physicalLocation": physical}]}
        if f.record is not None:
            result["properties"] = {"record": f.record}
        self.results.append(result)

    def close(self, stats: Stats, failures: list[str]) -> None:
        rules = [{"id": rule, "shortDescription": {"text": self.rules.describe(rule)},
                  "defaultConfiguration": {"level": _LEVEL.get(self.rules.severity(rule), "warning")}}
                 for rule in self.rule_index]
        log = {
            "$schema": SARIF_SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {"name": "corpus-clean", "version": __version__, "rules": rules}},
                "columnKind": "unicodeCodePoints",
                "invocations": [{"executionSuccessful": True,
                                 "properties": {"documents": stats.documents, "dirty": stats.dirty,
                                                "failed": bool(failures)}}],
                "results": self.results,
            }],
        }
        json.dump(log, self.out, ensure_ascii=False, indent=2)
        self.out.write("\n")


class TableReporter(Reporter):
    """A rich table grouped by file and rule, then the counts per rule and the verdict."""

    def __init__(self, out: IO[str], rules: SeverityTable):
        super().__init__(out, rules)
        self.rows: list[Finding] = []
        self.more: dict[tuple[str, str], int] = {}

    def add(self, f: Finding) -> None:
        key = (f.file, f.rule)
        shown = self.more.setdefault(key, 0)
        self.more[key] = shown + 1
        if shown < TABLE_ROWS_PER_RULE:
            self.rows.append(f)

    def close(self, stats: Stats, failures: list[str]) -> None:
        from rich.console import Console
        from rich.markup import escape
        from rich.table import Table

        console = Console(file=self.out, highlight=False)
        colour = {"error": "red", "warning": "yellow", "note": "cyan"}
        if self.rows:
            table = Table(title="corpus-clean check", show_lines=False)
            for name in ("where", "rule", "message"):
                table.add_column(name, overflow="fold")
            shown: dict[tuple[str, str], int] = {}
            for f in self.rows:
                key = (f.file, f.rule)
                shown[key] = shown.get(key, 0) + 1
                table.add_row(escape(location(f)), f"[{colour[f.severity]}]{escape(f.rule)}[/]",
                              escape(f.message))
                if shown[key] == TABLE_ROWS_PER_RULE and self.more[key] > TABLE_ROWS_PER_RULE:
                    table.add_row("", f"[dim]{escape(f.rule)}[/]",
                                  f"[dim]+{self.more[key] - TABLE_ROWS_PER_RULE} more in {escape(f.file)}[/]")
            console.print(table)
        if stats.by_rule:
            counts = Table(title="findings per rule")
            counts.add_column("rule")
            counts.add_column("severity")
            counts.add_column("count", justify="right")
            for rule, n in sorted(stats.by_rule.items(), key=lambda kv: (-kv[1], kv[0])):
                level = self.rules.severity(rule)
                counts.add_row(escape(rule), f"[{colour.get(level, 'dim')}]{level}[/]", str(n))
            console.print(counts)
        style = "bold red" if failures else "bold green"
        console.print(f"[{style}]{escape(summary_line(stats, failures))}[/]")


class StatisticsReporter(Reporter):
    """``check --statistics``: one row per rule with its count, instead of the findings
    (``count<TAB>rule<TAB>[severity] description``, most frequent first; a JSON list with
    ``--output-format json``)."""

    def __init__(self, out: IO[str], rules: SeverityTable, as_json: bool = False):
        super().__init__(out, rules)
        self.as_json = as_json

    def add(self, finding: Finding) -> None:
        pass  # Stats.by_rule counts them

    def close(self, stats: Stats, failures: list[str]) -> None:
        rows = sorted(stats.by_rule.items(), key=lambda kv: (-kv[1], kv[0]))
        if self.as_json:
            json.dump([{"rule": rule, "severity": self.rules.severity(rule), "count": n,
                        "description": self.rules.describe(rule)} for rule, n in rows],
                      self.out, ensure_ascii=False, indent=2)
            self.out.write("\n")
            return
        width = max((len(str(n)) for _, n in rows), default=1)
        for rule, n in rows:
            self.out.write(f"{n:>{width}}\t{rule}\t[{self.rules.severity(rule)}] {self.rules.describe(rule)}\n")


def make_reporter(fmt: str, out: IO[str], rules: SeverityTable) -> Reporter:
    return {"table": TableReporter, "text": TextReporter, "json": JsonReporter,
            "github": GithubReporter, "sarif": SarifReporter}[fmt](out, rules)
