"""A Hugging Face ``datasets`` recipe: ``Dataset.map`` with corpus-clean's ``strip`` pipeline.

::

    from datasets import load_dataset
    from corpus_clean.integrations.hf import clean_batch

    ds = load_dataset("json", data_files="dump.jsonl", split="train")
    ds = ds.map(clean_batch, batched=True, num_proc=4, fn_kwargs={"to": "simplified"})
    ds = ds.filter(lambda row: row["text"].strip() != "")

Each row gets its cleaned text back in ``text_field`` and three columns of the same type in
every row (Arrow needs one schema): ``corpus_clean_removals`` (how many removals),
``corpus_clean_chars_removed`` and ``corpus_clean_by_step`` (removals per step:
annotations, markup, chrome, layout).  The functions need nothing from ``datasets``: they
take and return plain dicts, so they work with ``IterableDataset.map`` and outside it too.
"""
from __future__ import annotations

from typing import Any

from ..pipeline import CleanConfig, build_pipeline

PREFIX = "corpus_clean_"
STEPS = ("annotations", "markup", "chrome", "layout")


def _config(options: dict[str, Any]) -> CleanConfig:
    rules = options.get("rules", ())
    if isinstance(rules, str):
        options = {**options, "rules": (rules,)}
    elif isinstance(rules, list):
        options = {**options, "rules": tuple(rules)}
    return CleanConfig(**options)


def clean_text(text: str, **options) -> dict[str, Any]:
    """Clean one text; return ``{"text", "removals", "chars_removed", "by_step"}``.

    >>> clean_text("傳(chuan) 統產(chan) 業(ye) 占比高，為(wei) 陽泉市指明方(fang) 向。")["text"]
    '傳統產業占比高，為陽泉市指明方向。'
    """
    result = build_pipeline(_config(options)).run(text)
    by_step = dict.fromkeys(STEPS, 0)
    for removal in result.removals:
        by_step[removal.step] = by_step.get(removal.step, 0) + 1
    return {"text": result.text, "removals": sum(by_step.values()),
            "chars_removed": max(0, len(text) - len(result.text)),
            "by_step": {step: by_step[step] for step in STEPS}}


def clean_example(example: dict[str, Any], text_field: str = "text", **options) -> dict[str, Any]:
    """For ``Dataset.map(clean_example)``: one row in, its cleaned text and counts out."""
    out = clean_text(example[text_field], **options)
    return {text_field: out["text"], f"{PREFIX}removals": out["removals"],
            f"{PREFIX}chars_removed": out["chars_removed"], f"{PREFIX}by_step": out["by_step"]}


def clean_batch(batch: dict[str, list], text_field: str = "text", **options) -> dict[str, list]:
    """For ``Dataset.map(clean_batch, batched=True)``: a batch of rows, column by column."""
    results = [clean_text(text, **options) for text in batch[text_field]]
    return {text_field: [r["text"] for r in results],
            f"{PREFIX}removals": [r["removals"] for r in results],
            f"{PREFIX}chars_removed": [r["chars_removed"] for r in results],
            f"{PREFIX}by_step": [r["by_step"] for r in results]}
