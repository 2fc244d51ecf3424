"""Leave-one-page-out cleaning for ``tools/evaluate.py --lopo``: ``strip`` on each page with
chrome weights refitted on every other page (each page is another site, so this is how the
weights fare on a site they were not fitted on).  The threshold is the shipped file's."""
from __future__ import annotations

import atexit
import os
import shutil
import tempfile

import train_chrome

from corpus_clean.chrome import load_weights
from corpus_clean.pipeline import CleanConfig, build_pipeline


def held_out_cleaner(folder: str):
    data = train_chrome.page_data(folder)
    names = [d[0] for d in data]
    threshold = load_weights().threshold
    tmp = tempfile.mkdtemp(prefix="corpus-clean-lopo-")
    # one weights file per held-out page (each path is read once: ``load_weights`` caches by
    # path), all removed when the evaluation ends
    atexit.register(shutil.rmtree, tmp, True)

    def clean(page) -> str:
        k = names.index(page.name)
        path = os.path.join(tmp, f"{k}.txt")
        train_chrome.write_weights(path, train_chrome.fit(data[:k] + data[k + 1:]), threshold, len(data) - 1,
                                   sum(len(d[1]) for d in data) - len(data[k][1]))
        return build_pipeline(CleanConfig(weights=path)).run(page.raw).text

    return clean
