"""Tell the form of a byte stream from its first bytes, looking ahead without consuming them.

    >>> sniff(b'"1","6/27/1986 12:19","86TOKYO2297",')
    'csv'
    >>> sniff(b"<?xml version='1.0' encoding='utf-8' ?>")
    'html'
    >>> sniff(b"\\r\\nVZCZCXRO4815\\r\\n")
    'text'
    >>> sniff(b"TAGS: [PGOV](#) [PREL](#)")
    'markdown'

`sniff` answers one of "gzip", "empty", "binary", "html", "csv", "markdown", "text".
"""

from __future__ import annotations

import io
from typing import BinaryIO

from cablecli import compiled_re as re  # re, with the expressions ready-made

HEAD_SIZE = 8192  # bytes looked at: the NUL check covers the first 8 KiB
BUFFER_SIZE = 1 << 16

GZIP_MAGIC = b"\x1f\x8b"
UTF8_BOM = b"\xef\xbb\xbf"

_CSV_ROW_START = re.compile(rb'"\d+","')
# `[PGOV](#)`: how some archives render TAGS as links.
TAG_LINK = re.compile(rb"\[[^\[\]\r\n]{1,60}\]\(#\)")


def sniff(head: bytes, at_eof: bool = True) -> str:
    """The form of a stream whose first bytes are `head`; `at_eof` says the stream holds no more."""
    if head.startswith(GZIP_MAGIC):
        return "gzip"
    if b"\x00" in head[:HEAD_SIZE]:
        return "binary"
    start = head[len(UTF8_BOM) :] if head.startswith(UTF8_BOM) else head
    start = start.lstrip()
    if not start:
        return "empty" if at_eof else "text"
    if start.startswith(b"<"):
        return "html"
    if _CSV_ROW_START.match(start):
        return "csv"
    if TAG_LINK.search(head):
        return "markdown"
    return "text"


def peek_head(stream: BinaryIO, size: int = HEAD_SIZE) -> tuple[bytes, BinaryIO, bool]:
    """Look at the first `size` bytes of `stream` without consuming them.

    Returns the bytes, a stream that still yields everything from the start, and whether the
    stream ended within those bytes. A buffered stream is peeked; when the peek comes back short
    (a pipe, or an object without `peek`) the bytes are read and put back in front of the rest.
    """
    peek = getattr(stream, "peek", None)
    if peek is not None:
        head = peek(size)
        if len(head) >= size:
            return head[:size], stream, False
        if not head:  # a peek comes back empty only at the end
            return b"", io.BytesIO(b""), True
    parts: list[bytes] = []
    have = 0
    # One read at a time (read1): a read that filled up on its own would, on a terminal, wait
    # for a second Ctrl-D after the text typed.
    read = getattr(stream, "read1", stream.read)
    while have < size:
        data = read(size - have)
        if not data:
            break
        parts.append(data)
        have += len(data)
    head = b"".join(parts)
    if have < size:
        # The end was met: never read the stream again (a terminal's Ctrl-D comes once).
        return head, io.BytesIO(head), True
    return head, io.BufferedReader(_Prefixed(head, stream), BUFFER_SIZE), False


class _Prefixed(io.RawIOBase):
    """A raw stream that yields `prefix`, then the rest of `stream`."""

    def __init__(self, prefix: bytes, stream: BinaryIO) -> None:
        super().__init__()
        self._prefix = memoryview(prefix)
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self._prefix:
            n = min(len(buffer), len(self._prefix))
            buffer[:n] = self._prefix[:n]
            self._prefix = self._prefix[n:]
            return n
        # readinto1: at most one read of the stream below, so that a terminal's Ctrl-D ends it.
        readinto = getattr(self._stream, "readinto1", None) or getattr(self._stream, "readinto", None)
        if readinto is not None:
            return readinto(buffer) or 0
        data = self._stream.read(len(buffer))
        if not data:
            return 0
        buffer[: len(data)] = data
        return len(data)


class CountingReader(io.RawIOBase):
    """A raw stream over `stream` that reports each chunk's size to `on_bytes` (for a progress bar).

    On a pipe, a terminal or a socket it waits for data in steps of a quarter second before each
    read. A signal (Ctrl-C) acts in Python only between two steps of Python code: one that comes
    just before a blocking read, or that the system hands to another thread, would otherwise wait
    until the read ends, which on a quiet pipe is never.
    """

    def __init__(self, stream: BinaryIO, on_bytes=None) -> None:
        super().__init__()
        self._stream = stream
        self._on_bytes = on_bytes
        self._wait_fd = _waitable_fd(stream)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self._wait_fd is not None:
            import select

            while not select.select([self._wait_fd], [], [], 0.25)[0]:
                pass
        # readinto1: at most one read of the stream below, so that a terminal's Ctrl-D ends it.
        readinto = getattr(self._stream, "readinto1", None) or getattr(self._stream, "readinto", None)
        if readinto is not None:
            n = readinto(buffer) or 0
        else:
            data = self._stream.read(len(buffer))
            n = len(data) if data else 0
            buffer[:n] = data or b""
        if n and self._on_bytes is not None:
            self._on_bytes(n)
        return n


def _waitable_fd(stream: BinaryIO) -> int | None:
    """The descriptor of an unbuffered pipe, terminal or socket (whose reads may block for ever), or
    None: a regular file, a buffered stream (its buffer may hold data the descriptor does not show)
    or a stream without a descriptor is read directly."""
    import os
    import stat

    if not isinstance(stream, io.FileIO):
        return None
    try:
        fd = stream.fileno()
        mode = os.fstat(fd).st_mode
    except (OSError, ValueError):
        return None
    return fd if stat.S_ISFIFO(mode) or stat.S_ISCHR(mode) or stat.S_ISSOCK(mode) else None
