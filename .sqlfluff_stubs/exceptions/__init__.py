"""``exceptions`` for sqlfluff's jinja templater (dbt's ``exceptions`` context member)."""

from __future__ import annotations

from jinja2.exceptions import TemplateRuntimeError


def raise_compiler_error(msg: object, node: object = None) -> None:
    raise TemplateRuntimeError(str(msg))


def warn(msg: object, node: object = None) -> str:
    return ""
