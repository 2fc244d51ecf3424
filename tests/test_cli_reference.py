"""The README's command list and option tables are the CLI's own (tools/cli_reference.py)."""
from __future__ import annotations

import os
import subprocess
import sys

import click
import pytest

from corpus_clean.cli.app import SUBCOMMANDS, cli

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOOL = os.path.join(ROOT, "tools", "cli_reference.py")
README = os.path.join(ROOT, "README.md")


def run_tool(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, TOOL, *args], capture_output=True, text=True, check=False)


def test_the_readme_matches_the_cli():
    proc = run_tool("--check")
    assert proc.returncode == 0, proc.stderr


def test_every_subcommand_and_every_visible_option_is_in_the_readme():
    with open(README, encoding="utf-8") as fh:
        readme = fh.read()
    ctx = click.Context(cli, info_name="corpus-clean")
    for name in SUBCOMMANDS:
        assert f"<!-- cli-reference: options {name} -->" in readme
        assert f"| `corpus-clean {name}` |" in readme
        command = cli.get_command(ctx, name)
        for param in command.params:
            if isinstance(param, click.Option) and not param.hidden:
                assert any(opt in readme for opt in param.opts), (name, param.opts)


@pytest.mark.parametrize("edit", [
    lambda text: text.replace("| `--no-chrome` | Keep page furniture (skip the chrome step). |\n", "", 1),
    lambda text: text.replace("exit 1 above a threshold. |", "exit 1 on findings. |", 1),
], ids=["an option dropped", "a command's help changed"])
def test_drift_fails_the_check_and_a_rerun_repairs_it(tmp_path, edit):
    with open(README, encoding="utf-8") as fh:
        original = fh.read()
    drifted = edit(original)
    assert drifted != original
    copy = tmp_path / "README.md"
    copy.write_text(drifted, encoding="utf-8")
    proc = run_tool("--check", "--readme", str(copy))
    assert proc.returncode == 1 and "differs from the CLI" in proc.stderr
    assert copy.read_text(encoding="utf-8") == drifted  # --check changes nothing
    assert run_tool("--readme", str(copy)).returncode == 0
    assert copy.read_text(encoding="utf-8") == original
