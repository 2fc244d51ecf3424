"""``corpus-clean check``: report dirt in a corpus without changing it, and gate CI on it.

Options come from three layers, later winning: the rule catalogue's defaults, the
project's ``corpus-clean.toml`` / ``[tool.corpus-clean.check]``, and the flags.
Exit status: 0 passed, 1 findings over the threshold, 2 usage or configuration error.
"""
from __future__ import annotations

import os
import sys

import click

from ..baseline import Baseline, PerFileIgnores
from ..check import DEFAULT_GLOBS, Checker, Gate, ScanConfig, expand_paths
from ..check.reporters import StatisticsReporter, make_reporter, summary_line
from ..checkconfig import INPUT_FORMATS, REPORT_FORMATS, SCRIPTS, CheckSettings, parse_settings
from ..checkconfig import KEYS as CHECK_KEYS
from ..errors import InputError, ReaderGone
from ..findings import SEVERITIES, SeverityTable, catalogue, known_rules, unknown_rules, unknown_rules_message
from ..io import STDIO, ReadOptions, open_output, refuse_overlaps
from . import silence_stdout
from .common import (
    deprecated_alias,
    echo_data,
    html_report,
    merge_alias,
    report_options,
    setup_logging,
    want_progress,
)
from .config import META_KEY, config_options
from .progress import Progress
from .strip import clean_config, pipeline_options


def _rules_list(value: tuple[str, ...]) -> tuple[str, ...]:
    """``--fail-on a,b --fail-on c`` -> ``(a, b, c)``."""
    return tuple(rule.strip() for item in value for rule in item.split(",") if rule.strip())


def _severity_flags(values: tuple[str, ...]) -> list[tuple[str, str]]:
    pairs = []
    for item in values:
        rule, sep, level = item.partition("=")
        if not sep or not rule or level not in SEVERITIES:
            raise click.BadParameter(f"{item!r}: expected RULE=LEVEL with LEVEL one of {', '.join(SEVERITIES)}",
                                     param_hint="--severity")
        pairs.append((rule, level))
    return pairs


def _refuse_unknown_rules(flags: dict[str, tuple[str, ...]]) -> None:
    """A rule id that names nothing is an error (exit 2), never a gate silently switched off."""
    if not any(flags.values()):
        return
    known = known_rules()
    for option, patterns in flags.items():
        bad = unknown_rules(patterns, known)
        if bad:
            raise InputError(unknown_rules_message(option, bad, known))


def rule_table() -> str:
    lines = [f"{'rule':<20} {'severity':<9} description"]
    lines += [f"{r.pattern:<20} {r.severity:<9} {r.description}" for r in catalogue()]
    return "\n".join(lines)


@click.command(epilog="""\b
Examples:
  corpus-clean check corpus/                       # table on a terminal, lines when piped
  corpus-clean check --output-format github data/*.jsonl.gz
  corpus-clean check --output-format sarif -o check.sarif corpus/
  corpus-clean check --max-dirty-ratio 0.01 --fail-on 'annotation-layer,chrome:*' corpus/
  corpus-clean check --list-rules
""")
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True))
@click.option("--glob", "globs", multiple=True,
              help="File names to pick up in folders (repeatable). Default: *.txt and *.jsonl/*.ndjson, "
                   "also compressed.")
@click.option("--input-format", type=click.Choice(INPUT_FORMATS), help="Input format (default auto: by suffix).")
@click.option("--field", help="JSONL field holding the text (default: text).")
@click.option("--line-docs", is_flag=True, default=None, help="Text input: one document per line.")
@click.option("--encoding", help="Input encoding: utf-8 (default), auto (detect GB18030/GBK/Big5...), or a "
                                 "codec name; a file that does not decode is a finding.")
@pipeline_options
@click.option("--output-format", "report_format", type=click.Choice(REPORT_FORMATS),
              help="Report format (default: table on a terminal, text otherwise).")
@deprecated_alias("--format", "report_format_deprecated", "--output-format", type=click.Choice(REPORT_FORMATS))
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True),
              help="Write the report here (atomically) instead of standard output.")
@click.option("--expect-script", type=click.Choice(SCRIPTS),
              help="Report documents in the other script (script-unexpected).")
@click.option("--fail-on", multiple=True, metavar="RULE,...",
              help="Only findings of these rules (globs such as 'chrome:*') count toward failing.")
@click.option("--max-findings", type=click.IntRange(min=0), help="Fail above this many counted findings.")
@click.option("--max-dirty-ratio", type=click.FloatRange(0, 1),
              help="Fail when the share of documents with a counted finding is above this.")
@click.option("--enable", multiple=True, metavar="RULE,...", help="Report these rules (also ones off by default).")
@click.option("--disable", multiple=True, metavar="RULE,...", help="Do not report these rules.")
@click.option("--severity", "severities", multiple=True, metavar="RULE=LEVEL",
              help="Set a rule's severity: error, warning, note or off (repeatable).")
@config_options(special=CHECK_KEYS)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when the gate fails (report only).")
@click.option("--statistics", is_flag=True,
              help="Print the number of findings per rule instead of the findings.")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False),
              help="Leave out the findings recorded in this baseline file (see --write-baseline).")
@click.option("--write-baseline", is_flag=True,
              help="Record every current finding in the --baseline file, and exit 0.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), help="Worker processes; 0 = all cores.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary line.")
@click.option("-v", "--verbose", is_flag=True, help="Log what is detected (encodings...).")
@click.option("--list-rules", is_flag=True, help="Print the rule ids, default severities and descriptions.")
@report_options
@click.pass_context
def check(ctx: click.Context, paths, globs, input_format, field, line_docs, encoding, rule_files, boilerplate,
          min_docs, no_chrome, annotations, report_format, report_format_deprecated, output,
          expect_script, fail_on, max_findings, max_dirty_ratio, enable, disable, severities,
          exit_zero, statistics, baseline_path, write_baseline, jobs, quiet,
          verbose, list_rules, report_path=None, report_sample=None) -> None:
    """Report reading-annotation layers, web chrome, mojibake, bad records and duplicates.

    Nothing is changed.  The findings of removals come from the same pipeline as `strip`,
    so what check reports is what strip would remove; the cleaning options (--encoding,
    --rules, --boilerplate, --min-docs, --annotations, --no-chrome) are strip's.
    """
    report_format = merge_alias(report_format, report_format_deprecated, "--output-format", "--format")
    if list_rules:
        echo_data(rule_table())
        return
    config = ctx.meta.get(META_KEY)
    # the table's other keys are check's options, already the defaults of this run (cli.config)
    settings = parse_settings(config, others=set(config.table("check")) - set(CHECK_KEYS)) \
        if config is not None else CheckSettings()
    for note in settings.notes:
        click.echo(f"corpus-clean: {note}", err=True)

    def pick(flag, setting, default):
        return flag if flag is not None else setting if setting is not None else default

    flags = {"--fail-on": _rules_list(fail_on), "--enable": _rules_list(enable),
             "--disable": _rules_list(disable)}
    severity_pairs = _severity_flags(severities)
    flags["--severity"] = tuple(rule for rule, _ in severity_pairs)
    _refuse_unknown_rules(flags)
    overrides = list(settings.severity)
    overrides += [(rule, "on") for rule in flags["--enable"]]
    overrides += [(rule, "off") for rule in flags["--disable"]]
    overrides += severity_pairs
    expect = pick(expect_script, settings.expect_script, None)
    gate = Gate(flags["--fail-on"] or settings.fail_on or (),
                pick(max_findings, settings.max_findings, None),
                pick(max_dirty_ratio, settings.max_dirty_ratio, None))
    read = ReadOptions(pick(input_format, settings.input_format, "auto"), pick(field, settings.field, "text"),
                       bool(pick(line_docs, settings.line_docs, False)), encoding or "utf-8")
    setup_logging(verbose)
    clean = clean_config(rule_files, boilerplate, min_docs, no_chrome, annotations)
    fmt = pick(report_format, settings.format, None)
    if fmt is None:
        fmt = "table" if (output in (None, STDIO) and sys.stdout.isatty()) else "text"
    if write_baseline and not baseline_path:
        raise click.UsageError("--write-baseline writes the file named by --baseline FILE")
    if write_baseline and statistics:
        raise click.UsageError("--write-baseline writes a baseline, not a report: drop --statistics")
    files = _files(paths or (STDIO,), globs, settings.glob, config)
    refuse_overlaps(files, [("-o", output), ("--report", report_path)]
                    + ([("--baseline", baseline_path)] if baseline_path else []))
    with html_report(report_path, report_sample, "check", "check changes nothing: its cleaned text is the "
                     "raw text less the removals strip would make.") as report:
        baseline = Baseline.load(baseline_path) if baseline_path and not write_baseline else None
        ignores = PerFileIgnores(settings.per_file_ignores,
                                 os.path.dirname(os.path.abspath(settings.source)) if settings.source else None)
        progress = Progress(files, "checking") if want_progress(files, quiet) else None
        rules = SeverityTable(overrides)
        checker = Checker(rules, read, ScanConfig(clean=clean, expect_script=expect), gate, pick(jobs, settings.jobs, 1),
                          progress, on_document=_report_hook(report) if report else None,
                          baseline=baseline, ignores=ignores, fingerprints=write_baseline)
        findings = checker.run(files)
        if write_baseline:
            try:
                with open_output(baseline_path) as out:
                    n = Baseline.write(out, findings)
            finally:
                if progress is not None:
                    progress.stop()
            if not quiet:
                click.echo(f"corpus-clean: wrote {n} finding{'s' if n != 1 else ''} to the baseline "
                           f"{baseline_path}", err=True)
            return
        try:
            with open_output(output) as out:
                if statistics:
                    reporter = StatisticsReporter(out, rules, as_json=fmt == "json")
                else:
                    reporter = make_reporter(fmt, out, rules)
                for finding in findings:
                    reporter.add(finding)
                failures = gate.failures(checker.stats)
                reporter.close(checker.stats, failures)
        except ReaderGone:
            # `check | head`: the report is not read to the end, but the gate still answers for
            # the whole corpus, so the scan goes on without writing.
            silence_stdout()
            for _ in findings:
                pass
            failures = gate.failures(checker.stats)
        finally:
            if progress is not None:
                progress.stop()
        if not quiet and (fmt != "table" or statistics):
            click.echo(f"corpus-clean: {summary_line(checker.stats, failures)}", err=True)
    ctx.exit(1 if failures and not exit_zero else 0)


def _files(paths, flag_globs: tuple[str, ...], config_globs: tuple[str, ...] | None, config) -> list[str]:
    """The files to check.  A folder in which nothing matches, or a glob of ``--glob`` or of
    the configuration that matches no file in the folders, is an error (exit 2), never a
    gate that passes on nothing."""
    chosen = flag_globs or config_globs or DEFAULT_GLOBS
    files = expand_paths(paths, chosen)
    folders = [p for p in paths if p != STDIO and os.path.isdir(p)]
    if not folders:
        return files
    if flag_globs or config_globs:
        origin = "--glob" if flag_globs else f"{config.where('check', 'glob')}: glob"
        for glob in chosen:
            if not expand_paths(folders, (glob,)):
                raise InputError(f"{origin} {glob!r} matches no file in {', '.join(folders)}")
    else:
        for folder in folders:
            if not expand_paths((folder,), chosen):
                raise InputError(f"{folder}: no text or JSONL file in this folder (name others with --glob PATTERN)")
    return files


def _report_hook(report):
    """``check --report``: each document with its removals (``Hit`` spans in the raw text)."""
    from ..check import script_verdict

    def on_document(doc, hits) -> None:
        spans = [(h.offset, h.end, h.step, h.rule) for h in hits if h.step is not None and h.end is not None]
        report.add(doc, spans, None, None, script_verdict(doc.text) if doc.text.strip() else None)

    return on_document
