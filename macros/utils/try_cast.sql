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
    {#- A function created by create_warehouse_functions (on-run-start). -#}
    {{ clicktrail.warehouse_functions_schema() }}.try_cast(
        cast({{ expr }} as text), cast(null as {{ data_type }})
    )
{%- endmacro %}
