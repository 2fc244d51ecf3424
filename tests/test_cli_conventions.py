"""Options a user of ruff, OpenCC and pre-commit reaches for: --version, a CI gate's
switches, one name per meaning (issue 14)."""
from __future__ import annotations

import subprocess
import sys

import pytest

from corpus_clean import __version__
from corpus_clean.cli import cli

CC = [sys.executable, "-m", "corpus_clean"]
SUBCOMMANDS = ["strip", "annotations", "chrome", "convert", "check"]


def run(*args, stdin: bytes | None = None):
    return subprocess.run(CC + list(args), input=stdin, capture_output=True, check=False)


def test_version_on_the_command():
    proc = run("--version")
    assert (proc.returncode, proc.stdout.decode(), proc.stderr) == (0, f"corpus-clean, version {__version__}\n", b"")


@pytest.mark.parametrize("name", SUBCOMMANDS)
def test_version_on_each_subcommand(runner, name):
    result = runner.invoke(cli, [name, "--version"])
    assert result.exit_code == 0, result.output
    assert result.output == f"corpus-clean, version {__version__}\n"
    assert "--version" in runner.invoke(cli, [name, "--help"]).output
