"""Reading and writing documents: text and JSONL, compression, encodings, atomic output.

Cleaning logic never sees a file: it gets ``Document.text`` and returns a string.  This
package turns files (or standard input) into a stream of ``Document`` objects and writes
results back, so memory does not grow with the number of documents, a failed run leaves
no partial output file, and every input error names the file and line.  One module per
concern, from the bottom up:

* ``paths``: what names say (``-``, format and compression by suffix, one file under two names);
* ``compression``: gzip, bzip2, xz and zstd streams, failing alike when damaged;
* ``streams``: standard output, atomic files, write errors naming the output;
* ``decoding``: codecs and ``--encoding auto``, strict decoding, lines under the size limit;
* ``records``: ``Document``, a JSONL line as one and back, small JSON files a user names;
* ``blocks``: undecoded blocks of lines for parallel workers;
* ``documents``: ``read_documents`` and ``DocumentWriter``, the entry points.

The names below are this package's interface; import them from ``corpus_clean.io``.
"""
from __future__ import annotations

from .blocks import BLOCK_BYTES, LineBlock, block_lines, line_blocks
from .compression import open_binary_read
from .decoding import (
    AUTO_MIN_BYTES,
    AUTO_SAMPLE_BYTES,
    BINARY_SNIFF_BYTES,
    MAX_DOC_BYTES,
    TOO_LONG_HEAD,
    BadLine,
    _iter_lines,
    decode_whole,
)
from .documents import DocumentWriter, ReadOptions, read_documents
from .paths import (
    COMPRESSION_SUFFIXES,
    JSONL_SUFFIXES,
    STDIO,
    compression_of,
    detect_format,
    display_name,
    refuse_overlaps,
    require_regular_files,
)
from .records import (
    Document,
    Rejected,
    get_field,
    load_json,
    load_json_file,
    parse_record,
    record_id,
    value_span,
)
from .streams import atomic_output, open_output

__all__ = [
    "AUTO_MIN_BYTES",
    "AUTO_SAMPLE_BYTES",
    "BINARY_SNIFF_BYTES",
    "BLOCK_BYTES",
    "COMPRESSION_SUFFIXES",
    "JSONL_SUFFIXES",
    "MAX_DOC_BYTES",
    "STDIO",
    "TOO_LONG_HEAD",
    "BadLine",
    "Document",
    "DocumentWriter",
    "LineBlock",
    "ReadOptions",
    "Rejected",
    "_iter_lines",
    "atomic_output",
    "block_lines",
    "compression_of",
    "decode_whole",
    "detect_format",
    "display_name",
    "get_field",
    "line_blocks",
    "load_json",
    "load_json_file",
    "open_binary_read",
    "open_output",
    "parse_record",
    "read_documents",
    "record_id",
    "refuse_overlaps",
    "require_regular_files",
    "value_span",
]
