"""The progress display of long runs: documents/s, MB/s, and, when the input size is known
(files, not standard input), a bar, the share done and the time left.

rich is imported only when a display is shown (``want_progress`` in ``common`` decides).
``progress_columns`` builds the columns, so that their rendering is tested with a fake clock.
"""
from __future__ import annotations

import os

from ..io import STDIO, Document


def progress_columns(sized: bool) -> list:
    """The columns of the display; ``sized``: the total number of input bytes is known."""
    from rich.progress import (
        BarColumn,
        ProgressColumn,
        TaskProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
        TransferSpeedColumn,
    )
    from rich.text import Text

    class DocumentsPerSecond(ProgressColumn):
        """Documents per second since the start (the task's ``documents`` field)."""

        def render(self, task) -> Text:
            elapsed = task.elapsed
            if not elapsed:
                return Text("? docs/s", style="progress.data.speed")
            return Text(f"{task.fields.get('documents', 0) / elapsed:,.1f} docs/s", style="progress.data.speed")

    columns = [TextColumn("{task.description}")]
    if sized:
        columns += [BarColumn(), TaskProgressColumn()]
    columns += [DocumentsPerSecond(), TransferSpeedColumn(), TimeElapsedColumn()]
    if sized:
        columns += [TextColumn("ETA"), TimeRemainingColumn()]
    return columns


class Progress:
    """A rich progress display on standard error, by bytes of input.

    rich's live display redirects ``sys.stdout`` to its console by default, which put the
    documents on the terminal instead of the user's redirect or pipe: standard output is
    left alone, it carries data only.
    """

    def __init__(self, paths, description: str = "cleaning"):
        from rich.console import Console
        from rich.progress import Progress as Display

        total = sum(os.path.getsize(p) for p in paths if p != STDIO and os.path.isfile(p))
        sized = bool(total) and STDIO not in paths
        self.progress = Display(*progress_columns(sized), console=Console(stderr=True), transient=True,
                                redirect_stdout=False, redirect_stderr=False)
        self.task = self.progress.add_task(description, total=total if sized else None, documents=0)
        self.documents = 0
        self.progress.start()

    def __call__(self, doc: Document) -> None:
        self.documents += 1
        self.progress.update(self.task, advance=len(doc.text.encode("utf-8", "surrogatepass")),
                             documents=self.documents)

    def stop(self) -> None:
        self.progress.stop()
