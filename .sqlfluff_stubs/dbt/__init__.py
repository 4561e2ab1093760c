"""dbt's cross-database macros (``{{ dbt.hash(...) }}``) for sqlfluff's jinja templater.

Each function takes the same arguments as the dbt macro (SQL text) and returns, on one line,
the SQL that dbt-duckdb renders. Any other ``dbt.name(args)`` renders as ``name(args)``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

_TYPES = {
    "string": "text",
    "timestamp": "timestamp",
    "int": "integer",
    "bigint": "bigint",
    "float": "float",
    "numeric": "numeric(28,6)",
    "boolean": "boolean",
}


def hash(field: object) -> str:  # the dbt macro's name
    return f"md5(cast({field} as {_TYPES['string']}))"


def concat(fields: Iterable[object]) -> str:
    return " || ".join(str(f) for f in fields)


def datediff(first_date: object, second_date: object, datepart: object) -> str:
    if str(datepart).lower() == "week":
        return f"(date_diff('day', ({first_date})::timestamp, ({second_date})::timestamp) // 7)"
    return f"(date_diff('{datepart}', ({first_date})::timestamp, ({second_date})::timestamp))"


def dateadd(datepart: object, interval: object, from_date_or_timestamp: object) -> str:
    unit, factor = str(datepart).lower(), ""
    if unit == "quarter":
        unit, factor = "month", " * 3"
    elif unit == "week":
        unit, factor = "day", " * 7"
    return f"({from_date_or_timestamp} + cast({interval} as bigint){factor} * interval 1 {unit})"


def date_trunc(datepart: object, date: object) -> str:
    return f"date_trunc('{datepart}', {date})"


def last_day(date: object, datepart: object) -> str:
    next_period = dateadd(datepart, "1", date_trunc(datepart, date))
    return f"cast({dateadd('day', '-1', next_period)} as date)"


def date(year: object, month: object, day: object) -> str:
    return f"make_date({year}, {month}, {day})"


def current_timestamp() -> str:
    return "now()"


def type_string() -> str:
    return _TYPES["string"]


def type_timestamp() -> str:
    return _TYPES["timestamp"]


def type_int() -> str:
    return _TYPES["int"]


def type_bigint() -> str:
    return _TYPES["bigint"]


def type_float() -> str:
    return _TYPES["float"]


def type_numeric() -> str:
    return _TYPES["numeric"]


def type_boolean() -> str:
    return _TYPES["boolean"]


def cast(field: object, type: object) -> str:  # the dbt macro's argument
    return f"cast({field} as {type})"


def safe_cast(field: object, type: object) -> str:  # the dbt macro's argument
    # dbt-duckdb has no safe_cast of its own: dbt renders a plain (failing) cast.
    return f"cast({field} as {type})"


def cast_bool_to_text(field: object) -> str:
    return cast(field, type_string())


def split_part(string_text: object, delimiter_text: object, part_number: object) -> str:
    return f"string_split({string_text}, {delimiter_text})[{part_number}]"


def listagg(
    measure: object,
    delimiter_text: object = "','",
    order_by_clause: object = None,
    limit_num: object = None,
) -> str:
    order_by = f" {order_by_clause}" if order_by_clause else ""
    if limit_num:
        return (
            f"list_aggr((array_agg({measure}{order_by}))[1:{limit_num}], "
            f"'string_agg', {delimiter_text})"
        )
    return f"string_agg({measure}, {delimiter_text}{order_by})"


def any_value(expression: object) -> str:
    return f"arbitrary({expression})"


def bool_or(expression: object) -> str:
    return f"bool_or({expression})"


def equals(expr1: object, expr2: object) -> str:
    return f"(({expr1} = {expr2}) or ({expr1} is null and {expr2} is null))"


def escape_single_quotes(expression: object) -> str:
    return str(expression).replace("'", "''")


def string_literal(value: object) -> str:
    return f"'{value}'"


def position(substring_text: object, string_text: object) -> str:
    return f"position({substring_text} in {string_text})"


def replace(field: object, old_chars: object, new_chars: object) -> str:
    return f"replace({field}, {old_chars}, {new_chars})"


def length(expression: object) -> str:
    return f"length({expression})"


def right(string_text: object, length_expression: object) -> str:
    return f"right({string_text}, {length_expression})"


def __getattr__(name: str) -> Callable[..., str]:
    """Any other ``dbt.name(args)``: render ``name(args)`` so the SQL still parses."""
    if name.startswith("_"):
        raise AttributeError(name)

    def render(*args: object, **kwargs: object) -> str:
        return f"{name}({', '.join(str(a) for a in (*args, *kwargs.values()))})"

    return render
