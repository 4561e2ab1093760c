{#- Cast that yields null instead of an error on bad input (dbt.safe_cast renders a plain
    cast on DuckDB). Bad raw text must become null so the row can be flagged, not crash. -#}
{% macro try_cast(expr, data_type) -%}
    {{ return(adapter.dispatch('try_cast', 'clicktrail')(expr, data_type)) }}
{%- endmacro %}

{% macro default__try_cast(expr, data_type) -%}
    try_cast({{ expr }} as {{ data_type }})
{%- endmacro %}

{% macro bigquery__try_cast(expr, data_type) -%}
    safe_cast({{ expr }} as {{ data_type }})
{%- endmacro %}

{% macro postgres__try_cast(expr, data_type) -%}
    {#- Postgres has no try_cast; numbers are validated by pattern first. -#}
    case
        when trim({{ expr }}) ~ '^[+-]?[0-9]*[.]?[0-9]+([eE][+-]?[0-9]+)?$'
            then cast({{ expr }} as {{ data_type }})
    end
{%- endmacro %}
