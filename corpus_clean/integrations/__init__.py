"""corpus-clean inside the pipelines corpus builders already run.

- ``corpus_clean.integrations.datatrove``: ``CorpusCleanFormatter``, a datatrove formatter
  step (as datatrove's own ``FTFYFormatter``), with a counter per removal reason
  (``pip install 'corpus-clean[datatrove]'``).
- ``corpus_clean.integrations.hf``: ``clean_example`` and ``clean_batch`` for Hugging Face
  ``datasets.Dataset.map``, returning the cleaned text and its removal counts
  (``pip install 'corpus-clean[hf]'``).

Neither module imports its framework until it is used, and corpus-clean itself never needs them.
"""
