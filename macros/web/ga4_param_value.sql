{#- The typed pick of a GA4 `value` struct expression (see ga4_param). Shared by every
    adapter variant of ga4_param; only the cross-database type macros are used. -#}
{% macro ga4_param_value(value_expr, value_type='string') -%}
    {%- set v = value_expr -%}
    {%- if value_type == 'string' -%}
        {{ v }}.string_value
    {%- elif value_type == 'int' -%}
        coalesce(
            {{ v }}.int_value,
            {{ clicktrail.try_cast(v ~ '.string_value', dbt.type_bigint()) }},
            cast(round(coalesce({{ v }}.double_value, {{ v }}.float_value)) as {{ dbt.type_bigint() }})
        )
    {%- elif value_type in ('float', 'double') -%}
        coalesce(
            {{ v }}.double_value,
            {{ v }}.float_value,
            cast({{ v }}.int_value as {{ clicktrail.type_double() }}),
            {{ clicktrail.try_cast(v ~ '.string_value', clicktrail.type_double()) }}
        )
    {%- elif value_type == 'any' -%}
        coalesce(
            {{ v }}.string_value,
            cast({{ v }}.int_value as {{ dbt.type_string() }}),
            cast({{ v }}.double_value as {{ dbt.type_string() }}),
            cast({{ v }}.float_value as {{ dbt.type_string() }})
        )
    {%- else -%}
        {{ exceptions.raise_compiler_error(
            "ga4_param: value_type must be string, int, float, double or any, got '"
            ~ value_type ~ "'") }}
    {%- endif -%}
{%- endmacro %}
