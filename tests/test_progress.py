"""The progress display's columns, rendered from a task driven by a fake clock (no waiting)."""
from __future__ import annotations

import io

from rich.console import Console
from rich.progress import Progress as Display

from corpus_clean.cli.progress import progress_columns


def _line(sized: bool, steps: list[tuple[float, int, int]]) -> str:
    """The rendered display after ``steps`` of (time, bytes read, documents so far)."""
    now = [0.0]
    display = Display(*progress_columns(sized), get_time=lambda: now[0], auto_refresh=False,
                      console=Console(file=io.StringIO(), width=160, color_system=None))
    task = display.add_task("cleaning", total=10_000_000 if sized else None, documents=0)
    for t, nbytes, documents in steps:
        now[0] = t
        display.update(task, advance=nbytes, documents=documents)
    out = io.StringIO()
    Console(file=out, width=160, color_system=None).print(display.make_tasks_table(display.tasks))
    return " ".join(out.getvalue().split())


STEPS = [(1.0, 2_000_000, 100), (2.0, 2_000_000, 200)]


def test_a_known_size_shows_share_rates_and_time_left():
    line = _line(True, STEPS)
    # 200 documents in 2 s; 2 MB between the two samples 1 s apart; 6 MB left at 2 MB/s
    for part in ("cleaning", "40%", "100.0 docs/s", "2.0 MB/s", "0:00:02", "ETA 0:00:03"):
        assert part in line, (part, line)
    assert line.index("docs/s") < line.index("MB/s") < line.index("ETA")


def test_an_unknown_size_shows_rates_without_share_or_eta():
    line = _line(False, STEPS)
    assert "100.0 docs/s" in line and "2.0 MB/s" in line and "0:00:02" in line
    assert "%" not in line and "ETA" not in line


def test_before_the_clock_moves_the_rates_are_unknown():
    line = _line(True, [])
    assert "? docs/s" in line and "ETA" in line and "0%" in line


class _Stream:
    def __init__(self, tty: bool):
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def test_the_display_is_for_a_person_watching_long_work_or_a_pipe(monkeypatch, tmp_path):
    from corpus_clean.cli.common import want_progress

    monkeypatch.delenv("CI", raising=False)
    small = [str(tmp_path / f"p{i}.txt") for i in range(21)]
    for path in small:
        open(path, "w").close()
    monkeypatch.setattr("sys.stderr", _Stream(True))
    monkeypatch.setattr("sys.stdin", _Stream(False))
    assert want_progress(small, quiet=False)
    assert not want_progress(small[:3], quiet=False)
    assert want_progress(("-",), quiet=False)  # a pipe into standard input: rates without an ETA
    assert not want_progress(("-",), quiet=True)
    monkeypatch.setattr("sys.stdin", _Stream(True))  # typed at the terminal: not long work
    assert not want_progress(("-",), quiet=False)
    monkeypatch.setattr("sys.stderr", _Stream(False))
    assert not want_progress(small, quiet=False)
    monkeypatch.setattr("sys.stderr", _Stream(True))
    monkeypatch.setenv("CI", "true")
    assert not want_progress(small, quiet=False)
