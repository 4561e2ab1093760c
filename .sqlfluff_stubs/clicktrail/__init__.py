"""The project's macro namespace for sqlfluff's jinja templater.

``{{ clicktrail.hash_email('email') }}`` calls the ``hash_email`` macro that sqlfluff loaded
from ``macros/`` (``load_macros_from_path``); an unknown name is a templating error.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jinja2 import pass_context
from jinja2.exceptions import UndefinedError
from jinja2.runtime import Context


def __getattr__(name: str) -> Callable[..., Any]:
    if name.startswith("_"):
        raise AttributeError(name)

    @pass_context
    def call_macro(context: Context, *args: Any, **kwargs: Any) -> Any:
        macro = context.get(name)
        if not callable(macro):
            raise UndefinedError(f"clicktrail.{name}: no macro `{name}` under macros/")
        return macro(*args, **kwargs)

    return call_macro
