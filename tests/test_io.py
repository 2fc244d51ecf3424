"""The I/O layer on its own (corpus_clean.io): formats, decoding, atomic and named output."""
from __future__ import annotations

import bz2
import errno
import gzip
import io
import json
import lzma
import os

import pytest

from corpus_clean import io as cio
from corpus_clean.errors import InputError, OutputError
from corpus_clean.io import (
    AUTO_SAMPLE_BYTES,
    Document,
    DocumentWriter,
    ReadOptions,
    Rejected,
    atomic_output,
    detect_format,
    get_field,
    open_output,
    read_documents,
    value_span,
)

TEXT = "人民網太原3月7日電，陽泉是典型的資源型城市。"


@pytest.mark.parametrize("name,fmt", [("a.jsonl", "jsonl"), ("a.JSONL.GZ", "jsonl"), ("a.ndjson.zst", "jsonl"),
                                      ("a.jsonl.bz2", "jsonl"), ("a.txt.xz", "text"), ("a.json", "text"),
                                      ("-", "text")])
def test_detect_format_by_suffix(name, fmt):
    assert detect_format(name) == fmt
    assert detect_format(name, "jsonl") == "jsonl"


def test_dotted_fields_are_read_and_their_values_found_in_the_line():
    line = '{"a": 1, "doc" :{"lang": "zh", "body":"x" , "body": "y\\"}"}, "z": [1, {"body": 2}]}'
    record = json.loads(line)
    assert get_field(record, "doc.body") == 'y"}'
    with pytest.raises(KeyError):
        get_field(record, "doc.title")
    with pytest.raises(KeyError):
        get_field(record, "a.b")  # 'a' is not an object
    start, end = value_span(line, "doc.body")  # the last of a repeated key, as json.loads reads it
    assert line[start:end] == '"y\\"}"'
    start, end = value_span(line, "z")
    assert line[start:end] == '[1, {"body": 2}]'


def test_whole_file_document_drops_a_bom_and_keeps_crlf_text(tmp_path):
    path = tmp_path / "p.txt"
    path.write_bytes(b"\xef\xbb\xbf" + "第一行\r\n第二行\r\n".encode())
    [doc] = read_documents(str(path))
    assert (doc.text, doc.id, doc.source, doc.line) == ("第一行\r\n第二行\r\n", str(path), str(path), 1)


def test_line_documents_are_numbered_and_lose_their_line_ending(tmp_path):
    path = tmp_path / "p.txt"
    path.write_bytes(b"\xef\xbb\xbf" + "一\r\n\n三".encode())
    docs = list(read_documents(str(path), ReadOptions(line_docs=True)))
    assert [(d.text, d.id, d.line) for d in docs] == [("一", f"{path}:1", 1), ("", f"{path}:2", 2),
                                                       ("三", f"{path}:3", 3)]


def test_jsonl_blank_lines_are_not_documents_and_ids_come_from_the_record(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text('{"id": 7, "text": "a"}\n\n   \n{"text": "b"}\n', encoding="utf-8")
    docs = list(read_documents(str(path)))
    assert [(d.text, d.id, d.line) for d in docs] == [("a", "7", 1), ("b", f"{path}:4", 4)]


def test_skip_turns_bad_records_into_rejected_items(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text('{"text": "a"}\n"just a string"\n{"text": 1}\n{"text": "d"}\n', encoding="utf-8")
    items = list(read_documents(str(path), ReadOptions(on_error="skip")))
    assert [type(i) for i in items] == [Document, Rejected, Rejected, Document]
    assert (items[1].line, items[1].raw, items[1].message) == (
        2, '"just a string"', f"{path}:2: JSONL record is not an object")
    assert items[2].message == f"{path}:3: field 'text' is not a string (got int)"
    with pytest.raises(InputError, match=r":2: JSONL record is not an object$"):
        list(read_documents(str(path)))


@pytest.mark.parametrize("encoding", ["gb18030", "big5"])
def test_auto_detection_across_the_sample_boundary(tmp_path, encoding):
    """Line input larger than the detection sample: the replayed head and the rest join up."""
    line = ("陽泉是典型的資源型城市，煤電等傳統產業占比高，轉型壓力大。" if encoding == "big5"
            else "阳泉是典型的资源型城市，煤电等传统产业占比高，转型压力大。")
    count = AUTO_SAMPLE_BYTES // len(line.encode(encoding)) + 50
    path = tmp_path / "big.txt"
    path.write_bytes("".join(f"{line}{i}\n" for i in range(count)).encode(encoding))
    docs = list(read_documents(str(path), ReadOptions(line_docs=True, encoding="auto")))
    assert len(docs) == count
    assert [d.text for d in docs[-2:]] == [f"{line}{count - 2}", f"{line}{count - 1}"]


def test_auto_keeps_utf8_when_the_sample_cuts_a_character(tmp_path):
    head = b"a" * (AUTO_SAMPLE_BYTES - 1)
    path = tmp_path / "u.txt"
    path.write_bytes(head + "漢字\n".encode())  # the sample ends inside the first character
    [doc] = read_documents(str(path), ReadOptions(line_docs=True, encoding="auto"))
    assert doc.text == "a" * (AUTO_SAMPLE_BYTES - 1) + "漢字"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-32"])
def test_utf16_and_utf32_lines_are_split_on_characters_not_bytes(tmp_path, encoding):
    path = tmp_path / "w.txt"
    path.write_bytes("第一行\n\u0a0a second\r\n三".encode(encoding))  # U+0A0A holds two 0x0A bytes
    docs = list(read_documents(str(path), ReadOptions(line_docs=True, encoding=encoding)))
    assert [d.text for d in docs] == ["第一行", "\u0a0a second", "三"]


def test_utf16_with_encoding_auto(tmp_path):
    path = tmp_path / "w.jsonl"
    path.write_bytes((json.dumps({"text": TEXT}, ensure_ascii=False) + '\n{"text": "二"}\n').encode("utf-16"))
    docs = list(read_documents(str(path), ReadOptions(encoding="auto")))
    assert [d.text for d in docs] == [TEXT, "二"]


def test_invalid_utf8_offsets_count_from_the_start_of_the_file(tmp_path):
    path = tmp_path / "x.txt"
    path.write_bytes(b"\xef\xbb\xbf" + "一\n".encode() + b"ok\xff\n")
    with pytest.raises(InputError) as err:
        list(read_documents(str(path), ReadOptions(line_docs=True)))
    assert str(err.value) == f"{path}:2: not valid UTF-8 (byte offset 9); try --encoding auto"
    with pytest.raises(InputError) as err:  # the same offset when the file is one document
        list(read_documents(str(path)))
    assert str(err.value) == f"{path}:2: not valid UTF-8 (byte offset 9); try --encoding auto"


def test_a_named_codec_reports_its_own_name(tmp_path):
    path = tmp_path / "x.txt"
    path.write_bytes("一\n".encode("big5") + b"\xff\xff\n")
    with pytest.raises(InputError, match=r"^.*x\.txt:2: not valid big5 \(byte offset 3\)$"):
        list(read_documents(str(path), ReadOptions(line_docs=True, encoding="big5")))


def test_binary_data_is_named_as_such_not_as_an_encoding_problem(tmp_path):
    path = tmp_path / "x.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(InputError) as err:
        list(read_documents(str(path)))
    assert str(err.value) == f"{path}:1: binary data (NUL character); not a text file"


@pytest.mark.parametrize("suffix,decompress", [(".gz", gzip.decompress), (".bz2", bz2.decompress),
                                               (".xz", lzma.decompress)])
def test_atomic_output_compresses_by_suffix(tmp_path, suffix, decompress):
    path = tmp_path / f"out.txt{suffix}"
    with atomic_output(str(path)) as out:
        out.write(TEXT)
    assert decompress(path.read_bytes()).decode() == TEXT


def test_atomic_output_keeps_the_old_file_on_failure_and_leaves_no_temp(tmp_path):
    path = tmp_path / "out.txt"
    path.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_output(str(path)) as out:
        out.write("new, half written")
        raise RuntimeError("boom")
    assert path.read_text(encoding="utf-8") == "old"
    assert os.listdir(tmp_path) == ["out.txt"]


def test_atomic_output_follows_a_symlink_and_copies_the_mode(tmp_path):
    real = tmp_path / "real.txt"
    real.write_text("old", encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    with atomic_output(str(link)) as out:
        out.write("new")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "new"
    assert real.stat().st_mode & 0o777 == 0o640
    assert sorted(os.listdir(tmp_path)) == ["link.txt", "real.txt"]


class _FullDisk(io.RawIOBase):
    """A file that accepts ``room`` bytes and then fails as a full disk does."""

    def __init__(self, raw, room: int):
        self.raw, self.room = raw, room

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        if len(data) > self.room:
            raise OSError(errno.ENOSPC, "No space left on device")
        self.room -= len(data)
        return self.raw.write(data)

    def fileno(self) -> int:
        return self.raw.fileno()


def test_a_full_disk_is_an_output_error_naming_the_file(tmp_path, monkeypatch):
    path = tmp_path / "out.txt"
    path.write_text("old", encoding="utf-8")
    monkeypatch.setattr("corpus_clean.io.streams._wrap_compressed_write", lambda raw, p: _FullDisk(raw, 10))
    with pytest.raises(OutputError) as err, atomic_output(str(path)) as out:
        for _ in range(10_000):
            out.write(TEXT)
    assert str(err.value) == f"{path}: cannot write (No space left on device)"
    assert path.read_text(encoding="utf-8") == "old"
    assert os.listdir(tmp_path) == ["out.txt"]


def test_output_folder_errors(tmp_path):
    with pytest.raises(OutputError, match="output folder does not exist$"), \
            atomic_output(str(tmp_path / "no" / "out.txt")):
        pass
    if os.geteuid() == 0:
        return  # root writes into read-only folders; test_cli_io covers the rest as a user
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    with pytest.raises(OutputError, match="output folder is not writable$"), \
            atomic_output(str(locked / "out.txt")):
        pass


def test_a_device_output_is_written_through(tmp_path):
    with open_output(os.devnull) as out:
        out.write(TEXT)
    assert os.path.exists(os.devnull) and not os.path.isfile(os.devnull)
    if os.path.exists("/dev/full"):
        with pytest.raises(OutputError) as err, open_output("/dev/full") as out:
            out.write(TEXT)
        assert str(err.value) == "/dev/full: cannot write (No space left on device)"


def test_writer_renders_each_format():
    buf = io.StringIO()
    doc = Document("x", "p.txt", "p.txt")
    DocumentWriter(buf, "jsonl").write(doc, "清理後")
    DocumentWriter(buf, "text", line_docs=True).write(doc, "一\n二")
    DocumentWriter(buf, "text").write(doc, "")  # an empty document adds nothing
    DocumentWriter(buf, "text").write(doc, "尾")
    assert buf.getvalue() == '{"id": "p.txt", "source": "p.txt", "text": "清理後"}\n一 二\n尾\n'


def test_surrogate_pairs_and_escaped_backslashes_are_not_lone_surrogates():
    ok = cio.parse_record("s.jsonl", 1, r'{"text": "emoji \ud83d\ude00, path C:\\ud800x"}', "text")
    assert ok.text == "emoji \U0001f600, path C:\\ud800x"
    for bad, escape in ((r'{"text": "\ud83d alone"}', r"\ud83d"), (r'{"text": "\ude00\ud83d"}', r"\ude00"),
                        (r'{"text": "x", "t": "\\\udfff"}', r"\udfff")):
        with pytest.raises(InputError) as err:
            cio.parse_record("s.jsonl", 7, bad, "text")
        assert str(err.value) == f"s.jsonl:7: lone surrogate {escape} in a JSON string (not valid Unicode)"


LONGER = {"gb18030": "我们今天去学校看书了，老师说明天考试，大家都很紧张。这个城市的发展很快。",
          "big5": "陽泉是典型的資源型城市，煤電等傳統產業占比高，轉型壓力大。新時代的發展。"}


@pytest.mark.parametrize("text,encoding", [("陽泉是典型的資源型城市", "gb18030"), ("煤電等傳統產業占比高", "big5"),
                                           ("老师说明天考试", "gb18030")])
def test_auto_refuses_to_guess_on_a_short_document(tmp_path, text, encoding):
    """charset-normalizer mistakes such short inputs for cp932 or UTF-16-BE (mojibake, exit 0)."""
    path = tmp_path / "short.txt"
    data = text.encode(encoding)
    path.write_bytes(data)
    with pytest.raises(InputError) as err:
        list(read_documents(str(path), ReadOptions(encoding="auto")))
    assert str(err.value) == (f"{path}: {len(data)} bytes are too few to detect the encoding reliably "
                              f"(at least {cio.AUTO_MIN_BYTES}); name it with --encoding (gb18030, big5...)")
    long = LONGER[encoding]
    assert len(long.encode(encoding)) >= cio.AUTO_MIN_BYTES
    path.write_bytes(long.encode(encoding))
    [doc] = read_documents(str(path), ReadOptions(encoding="auto"))
    assert doc.text == long


def test_auto_on_a_short_document_with_a_byte_order_mark_needs_no_guess(tmp_path):
    path = tmp_path / "short.txt"
    path.write_bytes("轉型".encode("utf-16"))
    [doc] = read_documents(str(path), ReadOptions(encoding="auto"))
    assert doc.text == "轉型"


@pytest.mark.parametrize("suffix,decompress", [("", lambda b: b), (".gz", gzip.decompress)])
def test_long_texts_skip_the_text_layer_and_stay_in_order(tmp_path, suffix, decompress):
    """A whole long document goes to the binary layer in one piece (``_Sink.write``): the
    bytes and their order are those the text layer would have written."""
    from corpus_clean.io.streams import _DIRECT_WRITE_CHARS

    long_text = ("第一行。\n" + TEXT * (_DIRECT_WRITE_CHARS // len(TEXT) + 1) + "\n")
    pieces = ["頭\n", long_text, "中\n", long_text[: _DIRECT_WRITE_CHARS - 1], "尾\n"]
    path = tmp_path / f"out.txt{suffix}"
    with atomic_output(str(path)) as out:
        for piece in pieces:
            assert out.write(piece) == len(piece)
    assert decompress(path.read_bytes()) == "".join(pieces).encode("utf-8")


def test_a_long_text_on_a_full_disk_is_an_output_error_too(tmp_path, monkeypatch):
    from corpus_clean.io.streams import _DIRECT_WRITE_CHARS

    path = tmp_path / "out.txt"
    monkeypatch.setattr("corpus_clean.io.streams._wrap_compressed_write", lambda raw, p: _FullDisk(raw, 10))
    with pytest.raises(OutputError) as err, atomic_output(str(path)) as out:
        out.write(TEXT * _DIRECT_WRITE_CHARS)
    assert str(err.value) == f"{path}: cannot write (No space left on device)"
    assert os.listdir(tmp_path) == []


def test_a_long_text_to_standard_output_keeps_its_bytes(capfdbinary):
    from corpus_clean.io.streams import _DIRECT_WRITE_CHARS

    long_text = TEXT * (_DIRECT_WRITE_CHARS // len(TEXT) + 1)
    with open_output(None) as out:
        out.write("頭\n")
        out.write(long_text)
        out.write("\n尾\n")
    assert capfdbinary.readouterr().out == ("頭\n" + long_text + "\n尾\n").encode("utf-8")
