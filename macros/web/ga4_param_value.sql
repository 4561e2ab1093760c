{#- The typed pick of a GA4 `value` struct expression (see ga4_param). Shared by every
    adapter variant of ga4_param; only the cross-database type macros and nested_field are
    used. -#}
{% macro ga4_param_value(value_expr, value_type='string') -%}
    {%- set v = value_expr -%}
    {%- set string_value = clicktrail.nested_field(v, 'string_value') -%}
    {%- set int_value = clicktrail.nested_field(v, 'int_value', dbt.type_bigint()) -%}
    {%- set double_value = clicktrail.nested_field(v, 'double_value', clicktrail.type_double()) -%}
    {%- set float_value = clicktrail.nested_field(v, 'float_value', clicktrail.type_double()) -%}
    {%- if value_type == 'string' -%}
        {{ string_value }}
    {%- elif value_type == 'int' -%}
        coalesce(
            {{ int_value }},
            {{ clicktrail.try_cast(string_value, dbt.type_bigint()) }},
            cast(round(coalesce({{ double_value }}, {{ float_value }})) as {{ dbt.type_bigint() }})
        )
    {%- elif value_type in ('float', 'double') -%}
        coalesce(
            {{ double_value }},
            {{ float_value }},
            cast({{ int_value }} as {{ clicktrail.type_double() }}),
            {{ clicktrail.try_cast(string_value, clicktrail.type_double()) }}
        )
    {%- elif value_type == 'any' -%}
        coalesce(
            {{ string_value }},
            cast({{ int_value }} as {{ dbt.type_string() }}),
            cast({{ double_value }} as {{ dbt.type_string() }}),
            cast({{ float_value }} as {{ dbt.type_string() }})
        )
    {%- else -%}
        {{ exceptions.raise_compiler_error(
            "ga4_param: value_type must be string, int, float, double or any, got '"
            ~ value_type ~ "'") }}
    {%- endif -%}
{%- endmacro %}
