"""Vectorised text building: ids, timestamps, JSON and CSV lines as Arrow string arrays.

Writers never build one Python object per event: every line is assembled column-wise with
Arrow compute kernels, and a file is written straight from the Arrow data buffer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

STR = pa.large_string()
_HEX = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)
_B64 = np.frombuffer(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", np.uint8)
_DIGITS = np.frombuffer(b"0123456789", dtype=np.uint8)


def lit(value: str) -> pa.Scalar:
    """A large_string scalar for the join kernels."""
    return pa.scalar(value, STR)


def strings(values: Sequence[str | None]) -> pa.Array:
    return pa.array(list(values), STR)


def _from_chars(chars: np.ndarray) -> pa.Array:
    """Fixed-width rows of ASCII bytes (n, w) to a string array."""
    n, w = chars.shape
    offsets = np.arange(n + 1, dtype=np.int64) * w
    data = np.ascontiguousarray(chars, dtype=np.uint8).tobytes()
    return pa.LargeStringArray.from_buffers(n, pa.py_buffer(offsets), pa.py_buffer(data))


def hex_ids(values: np.ndarray, width: int, prefix: str = "") -> pa.Array:
    """Lower-case hex of the low ``4 * width`` bits of uint64 values, zero-padded."""
    v = np.asarray(values).astype(np.uint64)
    shifts = (np.arange(width - 1, -1, -1, dtype=np.uint64) * np.uint64(4)) % np.uint64(64)
    chars = _HEX[((v[:, None] >> shifts[None, :]) & np.uint64(15)).astype(np.intp)]
    out = _from_chars(chars)
    return concat(lit(prefix), out) if prefix else out


def b64_ids(first: np.ndarray, second: np.ndarray) -> pa.Array:
    """22-character URL-safe base64-looking ids from two uint64 arrays."""
    shifts = np.arange(0, 66, 6, dtype=np.uint64)[:11]
    parts = []
    for v in (first, second):
        v = np.asarray(v).astype(np.uint64)
        parts.append(_B64[((v[:, None] >> shifts[None, :]) & np.uint64(63)).astype(np.intp)])
    return _from_chars(np.concatenate(parts, axis=1))


def digits(values: np.ndarray, width: int) -> pa.Array:
    """Zero-padded decimal strings of non-negative integers (fixed width)."""
    v = np.asarray(values).astype(np.uint64)
    powers = np.uint64(10) ** np.arange(width - 1, -1, -1, dtype=np.uint64)
    chars = _DIGITS[((v[:, None] // powers[None, :]) % np.uint64(10)).astype(np.intp)]
    return _from_chars(chars)


def dec(values: np.ndarray) -> pa.Array:
    """Decimal strings of integers."""
    return pc.cast(pa.array(np.asarray(values, dtype=np.int64)), STR)


def concat(*parts: pa.Array | pa.Scalar) -> pa.Array:
    """Element-wise concatenation; null if any part is null."""
    return pc.binary_join_element_wise(*parts, lit(""))


def take(table: pa.Array, idx: np.ndarray, valid: np.ndarray | None = None) -> pa.Array:
    """``table[idx]``; null where ``valid`` is False (or where idx < 0 if valid is None)."""
    idx = np.asarray(idx, dtype=np.int64)
    if valid is None:
        valid = idx >= 0
    if valid.all():
        return table.take(pa.array(idx))
    return table.take(pa.array(np.where(valid, idx, 0), mask=~valid))


def iso_seconds(ts_us: np.ndarray, suffix: str = "Z", offset_s: int = 0) -> pa.Array:
    """``YYYY-MM-DDTHH:MM:SS`` + suffix of µs timestamps (floored), shifted by offset_s."""
    secs = np.asarray(ts_us, dtype=np.int64) // 1_000_000 + offset_s
    arr = pa.array(secs, pa.timestamp("s"))
    return pc.cast(pc.strftime(arr, format="%Y-%m-%dT%H:%M:%S" + suffix), STR)


def iso_micros(ts_us: np.ndarray) -> pa.Array:
    """``YYYY-MM-DDTHH:MM:SS.ffffffZ`` of µs timestamps."""
    arr = pa.array(np.asarray(ts_us, dtype=np.int64), pa.timestamp("us"))
    return pc.cast(pc.strftime(arr, format="%Y-%m-%dT%H:%M:%SZ"), STR)


def ipv4(addr: np.ndarray) -> pa.Array:
    a = np.asarray(addr).astype(np.uint64)
    octets = [dec((a >> np.uint64(s)) & np.uint64(255)) for s in (24, 16, 8, 0)]
    return pc.binary_join_element_wise(*octets, lit("."))


def json_escape(arr: pa.Array) -> pa.Array:
    arr = pc.replace_substring(arr, "\\", "\\\\")
    return pc.replace_substring(arr, '"', '\\"')


def csv_cell(arr: pa.Array) -> pa.Array:
    """RFC 4180 quoting where needed (nulls stay null)."""
    needs = pc.match_substring_regex(arr, '[,"\\r\\n]')
    quoted = concat(lit('"'), pc.replace_substring(arr, '"', '""'), lit('"'))
    return pc.if_else(needs, quoted, arr)


def csv_lines(
    columns: dict[str, pa.Array], quote: Sequence[str] | None = None
) -> tuple[bytes, pa.Array]:
    """Header bytes and one CSV line per row, each ending with a newline; null is the empty
    cell. Only the ``quote`` columns (default: all) are checked for characters to quote."""
    header = ",".join(columns).encode()
    n = len(next(iter(columns.values())))
    lb = LineBuilder(n)
    for i, (name, c) in enumerate(columns.items()):
        if i:
            lb.lit(",")
        c = pc.cast(c, STR)
        lb.col(csv_cell(c) if quote is None or name in quote else c)
    return header, lb.lit("\n").build()


def lines_bytes(arr: pa.Array, newline: bool = True) -> memoryview:
    """The text of ``arr`` as one buffer, with a newline after every element if ``newline``."""
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    arr = pc.cast(arr, STR)
    if newline:
        arr = pc.binary_join_element_wise(arr, lit("\n"), lit(""))
    if len(arr) == 0:
        return memoryview(b"")
    offsets = np.frombuffer(arr.buffers()[1], dtype=np.int64)
    start, stop = offsets[arr.offset], offsets[arr.offset + len(arr)]
    return memoryview(arr.buffers()[2])[start:stop]


def write_text(
    path: Path, arr: pa.Array, header: bytes = b"", bom: bool = False, newline: bool = True
) -> int:
    """Write ``arr`` one element per line (elements already end with a newline when
    ``newline`` is False); returns the number of elements."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as fh:
        if bom:
            fh.write(b"\xef\xbb\xbf")
        if header:
            fh.write(header + b"\n")
        fh.write(lines_bytes(arr, newline))
    return len(arr)


def daily_order(file_day: np.ndarray, order_key: np.ndarray) -> np.ndarray:
    """Row positions by file day, then key, then position (the order rows are written in)."""
    return np.lexsort((np.arange(file_day.size), order_key, file_day))


def day_bounds(day_keys: np.ndarray) -> list[tuple[int, int, int]]:
    """(day, start, stop) runs of a sorted day-key array."""
    if day_keys.size == 0:
        return []
    cuts = np.flatnonzero(np.diff(day_keys)) + 1
    starts = np.concatenate([[0], cuts])
    stops = np.concatenate([cuts, [day_keys.size]])
    return [(int(day_keys[a]), int(a), int(b)) for a, b in zip(starts, stops, strict=True)]


def percent_encode(arr: pa.Array) -> pa.Array:
    """Percent-encode the URL characters our generated URLs contain (query-value safe)."""
    for raw, enc in (("%", "%25"), (":", "%3A"), ("/", "%2F"), ("?", "%3F"), ("=", "%3D")):
        arr = pc.replace_substring(arr, raw, enc)
    return pc.replace_substring(arr, "&", "%26")


class StringTable:
    """An append-only table of strings; callers keep integer indices into it."""

    def __init__(self) -> None:
        self._parts: list[pa.Array] = []
        self._size = 0
        self._small: dict[str, int] = {}

    def add(self, values: Sequence[str] | pa.Array) -> np.ndarray:
        """Append values; returns their indices."""
        arr = values if isinstance(values, pa.Array) else strings(list(values))
        arr = pc.cast(arr, STR)
        base = self._size
        self._parts.append(arr)
        self._size += len(arr)
        return np.arange(base, base + len(arr), dtype=np.int64)

    def one(self, value: str) -> int:
        """Index of a single (interned) string."""
        if value not in self._small:
            self._small[value] = int(self.add([value])[0])
        return self._small[value]

    def table(self) -> pa.Array:
        return pa.concat_arrays(self._parts) if self._parts else strings([])


def write_daily(
    out_dir: Path,
    file_name: Callable[[int], str],
    lines: pa.Array,
    file_day: np.ndarray,
    order_key: np.ndarray,
    *,
    header: bytes = b"",
    bom: bool = False,
    newline: bool = True,
    index: np.ndarray | None = None,
) -> dict[int, int]:
    """Write ``lines`` into one file per ``file_day`` (days since epoch), ordered by key.

    Returns {day: lines written}.
    """
    order = daily_order(file_day, order_key)
    if index is not None:
        lines = lines.take(pa.array(index[order]))
    elif not (order == np.arange(order.size)).all():
        lines = lines.take(pa.array(order))
    days = file_day[order]
    written = {}
    for day, a, b in day_bounds(days):
        chunk = lines.slice(a, b - a)
        written[day] = write_text(out_dir / file_name(day), chunk, header, bom, newline)
    return written


def day_name(day: int, fmt: str) -> str:
    """Format a day number (days since 1970-01-01) with strftime."""
    return (_EPOCH + dt.timedelta(days=day)).strftime(fmt)


_EPOCH = dt.date(1970, 1, 1)


class LineBuilder:
    """Assemble one text line per row from literal and column pieces with a single gather.

    A piece whose column value is null (or whose ``valid`` mask is False) is left out, which is
    how optional JSON keys are omitted. Much faster than chained element-wise joins.
    """

    def __init__(self, n: int) -> None:
        self.n = n
        self._literals: dict[str, int] = {}
        self._columns: list[pa.Array] = []
        self._index: list[np.ndarray | None] = []
        self._pieces: list[tuple[int, int, np.ndarray | None]] = []  # (kind, ref, valid)

    def lit(self, text: str, valid: np.ndarray | None = None) -> LineBuilder:
        if (
            valid is None
            and self._pieces
            and self._pieces[-1][0] == 0
            and self._pieces[-1][2] is None
        ):
            # merge with the previous unconditional literal
            prev = next(k for k, v in self._literals.items() if v == self._pieces[-1][1])
            text = prev + text
            self._pieces.pop()
        ref = self._literals.setdefault(text, len(self._literals))
        self._pieces.append((0, ref, valid))
        return self

    def col(
        self, arr: pa.Array, valid: np.ndarray | None = None, index: np.ndarray | None = None
    ) -> LineBuilder:
        """A column piece: ``arr[row]``, or ``arr[index[row]]`` when ``index`` is given."""
        arr = pc.cast(arr, STR)
        if arr.null_count:
            nn = np.asarray(arr.is_valid())
            nn = nn if index is None else nn[index]
            valid = nn if valid is None else valid & nn
        self._columns.append(arr)
        self._index.append(index)
        self._pieces.append((1, len(self._columns) - 1, valid))
        return self

    def json_str(
        self, key: str, arr: pa.Array, valid: np.ndarray | None = None, *, first: bool = False
    ) -> LineBuilder:
        """``,"key":"value"`` (omitted where null)."""
        valid = _merge_valid(arr, valid)
        self.lit(('"' if first else ',"') + key + '":"', valid)
        self.col(arr, valid)
        return self.lit('"', valid)

    def json_raw(
        self, key: str, arr: pa.Array, valid: np.ndarray | None = None, *, first: bool = False
    ) -> LineBuilder:
        """``,"key":value`` for values already rendered as JSON (numbers, true/false)."""
        valid = _merge_valid(arr, valid)
        self.lit(('"' if first else ',"') + key + '":', valid)
        return self.col(arr, valid)

    def build(self, chunk: int = 250_000) -> pa.Array:
        literals = strings(list(self._literals))
        pool = pa.concat_arrays([literals, *self._columns])
        bases = np.cumsum([len(literals)] + [len(c) for c in self._columns])
        out = []
        for a in range(0, self.n, chunk):
            b = min(self.n, a + chunk)
            m = b - a
            counts = np.zeros(m, dtype=np.int64)
            for _, _, valid in self._pieces:
                counts += 1 if valid is None else valid[a:b]
            offsets = np.zeros(m + 1, dtype=np.int64)
            np.cumsum(counts, out=offsets[1:])
            fill = offsets[:-1].copy()
            flat = np.empty(int(offsets[-1]), dtype=np.int64)
            rows = np.arange(m)
            for kind, ref, valid in self._pieces:
                if kind == 0:
                    src = np.full(m, ref)
                elif self._index[ref] is None:
                    src = bases[ref] + a + rows
                else:
                    src = bases[ref] + self._index[ref][a:b]
                if valid is None:
                    flat[fill] = src
                    fill += 1
                else:
                    r = np.flatnonzero(valid[a:b])
                    flat[fill[r]] = src[r]
                    fill[r] += 1
            values = pool.take(pa.array(flat))
            # the gathered pieces are already contiguous: a line is a range of their bytes
            piece_off = np.frombuffer(values.buffers()[1], dtype=np.int64)[values.offset :]
            line_off = np.ascontiguousarray(piece_off[offsets])
            out.append(
                pa.LargeStringArray.from_buffers(m, pa.py_buffer(line_off), values.buffers()[2])
            )
        return pa.concat_arrays(out) if len(out) > 1 else out[0] if out else strings([])


def _merge_valid(arr: pa.Array, valid: np.ndarray | None) -> np.ndarray | None:
    if arr.null_count:
        nn = np.asarray(arr.is_valid())
        return nn if valid is None else valid & nn
    return valid
