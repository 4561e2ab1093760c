"""``adapter`` for sqlfluff's jinja templater: ``adapter.dispatch`` and a few helpers.

``adapter.dispatch('name', 'clicktrail')`` returns the ``duckdb__name`` or ``default__name``
macro that sqlfluff loaded from ``macros/`` (``load_macros_from_path``), as dbt does on the
DuckDB target. A ``dbt`` namespace resolves to the ``dbt`` stub package.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jinja2 import pass_context
from jinja2.exceptions import UndefinedError
from jinja2.runtime import Context

ADAPTER_TYPE = "duckdb"


@pass_context
def dispatch(
    context: Context, macro_name: str, macro_namespace: str | None = None
) -> Callable[..., Any]:
    for prefix in (f"{ADAPTER_TYPE}__", "default__"):
        macro = context.get(f"{prefix}{macro_name}")
        if callable(macro):
            return macro
    if macro_namespace == "dbt":
        dbt = context.get("dbt")
        if dbt is not None:
            return getattr(dbt, macro_name)  # type: ignore[no-any-return]
    raise UndefinedError(
        f"adapter.dispatch: no macro {ADAPTER_TYPE}__{macro_name} or default__{macro_name}"
        " under macros/"
    )


def type() -> str:  # dbt's name
    return ADAPTER_TYPE


def quote(identifier: object) -> str:
    return f'"{identifier}"'
