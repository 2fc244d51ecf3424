"""A datatrove pipeline step that runs corpus-clean's ``strip`` pipeline on each document.

Like datatrove's own ``FTFYFormatter`` it is a ``BaseFormatter``, so it goes anywhere a
formatter goes::

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from corpus_clean.integrations.datatrove import CorpusCleanFormatter

    LocalPipelineExecutor(pipeline=[
        JsonlReader("data/raw"),
        CorpusCleanFormatter(annotations="auto", to="simplified"),
        JsonlWriter("data/clean"),
    ], tasks=4).run()

Besides datatrove's per-document ``total`` it counts, through ``stat_update``, every removal
reason (``annotation-layer``, ``chrome:share-widget``, ``markup:link-syntax``...), the
documents it ``changed`` and the ``chars_removed``, so the executor's stats show what was
cleaned and why.  With ``metadata_key`` set, each document also carries its counts per
reason in ``doc.metadata[metadata_key]``.
"""
from __future__ import annotations

from datatrove.pipeline.formatters.base import BaseFormatter
from datatrove.utils.typeshelper import StatHints

from ..pipeline import CleanConfig, build_pipeline
from ..report import Result


class CorpusCleanFormatter(BaseFormatter):
    """Remove reading-annotation layers, markup residue, page furniture and layout damage.

    The options are those of ``corpus-clean strip`` (the fields of ``CleanConfig``):
    ``annotations`` ("auto", "all" or "none"), ``chrome``, ``markup``, ``rules`` (extra rule
    files), ``boilerplate`` and ``min_docs``, ``to`` (a target script) and ``repair``.
    """

    name = "🀄 corpus-clean"

    def __init__(self, annotations: str = "auto", chrome: bool = True, markup: bool = True,
                 rules: str | tuple[str, ...] | list[str] = (), boilerplate: str | None = None,
                 min_docs: int = 10, to: str | None = None, repair: bool = False,
                 metadata_key: str | None = None):
        super().__init__()
        rules = (rules,) if isinstance(rules, str) else tuple(rules)
        self.config = CleanConfig(annotations=annotations, chrome=chrome, markup=markup, rules=rules,
                                  boilerplate=boilerplate, min_docs=min_docs, to=to, repair=repair)
        self.metadata_key = metadata_key
        build_pipeline(self.config)  # a bad option or rule file fails here, not in the first task

    def clean(self, text: str) -> Result:
        """The whole result for one text: cleaned text and every removal."""
        return build_pipeline(self.config).run(text)

    def format(self, text: str) -> str:
        return self.clean(text).text

    def run(self, data, rank: int = 0, world_size: int = 1):
        for doc in data:
            self.stat_update(StatHints.total)
            with self.track_time():
                result = self.clean(doc.text)
            counts = result.counts()
            for reason, n in counts.items():
                self.stat_update(reason, value=n)
            if result.text != doc.text:
                self.stat_update("changed")
                self.stat_update("chars_removed", value=max(0, len(doc.text) - len(result.text)))
            if self.metadata_key:
                doc.metadata[self.metadata_key] = dict(counts)
            doc.text = result.text
            yield doc
