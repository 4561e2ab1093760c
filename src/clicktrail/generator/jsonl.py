"""Vectorised NDJSON serialisation of (nested) Arrow tables.

A row's JSON is assembled by one ``LineBuilder``: structs are inlined as literal pieces around
their children, dictionary columns render their (small) dictionary once and gather from it, and
only lists are materialised (their items are built the same way, then grouped per list without
another copy). Nulls are written as ``null`` and every key is kept, like the BigQuery export.
"""

from __future__ import annotations

import json

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from clicktrail.generator.text import STR, LineBuilder, json_escape, lit, strings


def regroup(texts: pa.Array, group_offsets: np.ndarray) -> pa.Array:
    """Concatenate consecutive elements of ``texts`` into groups, sharing the data buffer."""
    texts = pc.cast(texts, STR)
    if len(texts) == 0:
        return strings([""] * (len(group_offsets) - 1))
    off = np.frombuffer(texts.buffers()[1], dtype=np.int64)[texts.offset :]
    new_off = np.ascontiguousarray(off[group_offsets])
    return pa.LargeStringArray.from_buffers(
        len(group_offsets) - 1, pa.py_buffer(new_off), texts.buffers()[2]
    )


def _and(a: np.ndarray | None, b: np.ndarray | None) -> np.ndarray | None:
    if a is None:
        return b
    return a if b is None else a & b


def _scalar_text(arr: pa.Array) -> pa.Array:
    """JSON text of a primitive array (nulls stay null)."""
    t = arr.type
    if pa.types.is_string(t) or pa.types.is_large_string(t):
        return pc.binary_join_element_wise(
            lit('"'), json_escape(pc.cast(arr, STR)), lit('"'), lit("")
        )
    if pa.types.is_boolean(t):
        return pc.if_else(arr, lit("true"), lit("false"))
    if pa.types.is_integer(t) or pa.types.is_floating(t):
        return pc.cast(arr, STR)
    raise TypeError(f"no JSON rendering for {t}")


def _emit(lb: LineBuilder, arr: pa.Array, mask: np.ndarray | None) -> None:
    """Append the pieces rendering ``arr`` (one value per row) where ``mask``."""
    t = arr.type
    n = len(arr)
    valid = np.asarray(arr.is_valid()) if arr.null_count else None
    if arr.null_count == n and n:
        lb.lit("null", mask)
        return
    if valid is not None:
        lb.lit("null", _and(mask, ~valid))
    here = _and(mask, valid)
    if pa.types.is_struct(t):
        for i, (field, child) in enumerate(zip(t, arr.flatten(), strict=True)):
            lb.lit(("{" if i == 0 else ",") + json.dumps(field.name) + ":", here)
            _emit(lb, child, here)
        lb.lit("{}" if t.num_fields == 0 else "}", here)
    elif pa.types.is_dictionary(t):
        idx = np.asarray(arr.indices.fill_null(0), dtype=np.int64)
        lb.col(_scalar_text(arr.dictionary), here, index=idx)
    elif pa.types.is_list(t) or pa.types.is_large_list(t):
        lb.col(_list_text(arr), here)
    else:
        lb.col(pc.fill_null(_scalar_text(arr), lit("null")), here)


def _list_text(arr: pa.Array) -> pa.Array:
    offsets = np.asarray(arr.offsets, dtype=np.int64)
    rel = offsets - offsets[0]
    sizes = np.diff(rel)
    if not sizes.any():
        return strings(["[]"] * len(arr))
    values = arr.values.slice(offsets[0], int(rel[-1]))
    n_items = int(rel[-1])
    last = np.zeros(n_items, dtype=bool)
    last[rel[1:][sizes > 0] - 1] = True
    first = np.zeros(n_items, dtype=bool)
    first[rel[:-1][sizes > 0]] = True
    lb = LineBuilder(n_items)
    lb.lit("[", first)
    _emit(lb, values, None)
    lb.lit(",", ~last).lit("]", last)
    text = regroup(lb.build(), rel)
    return pc.if_else(pa.array(sizes == 0), lit("[]"), text)


def to_json_lines(table: pa.Table) -> pa.Array:
    """One JSON object per row, each followed by a newline."""
    table = table.combine_chunks()
    lb = LineBuilder(table.num_rows)
    for i, name in enumerate(table.column_names):
        lb.lit(("{" if i == 0 else ",") + json.dumps(name) + ":")
        _emit(lb, table.column(i).chunk(0) if table.num_rows else pa.array([]), None)
    return lb.lit("}\n").build()
