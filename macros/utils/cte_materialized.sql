{#- Keyword that asks the engine to compute a CTE once (DuckDB and Postgres:
    `as materialized (...)`); empty where the syntax does not exist. Use as
    `name as {{ clicktrail.cte_materialized() }} (...)`. -#}
{% macro cte_materialized() -%}
    {{ return(adapter.dispatch('cte_materialized', 'clicktrail')()) }}
{%- endmacro %}

{% macro default__cte_materialized() -%}
{%- endmacro %}

{% macro duckdb__cte_materialized() -%}
    materialized
{%- endmacro %}

{% macro postgres__cte_materialized() -%}
    materialized
{%- endmacro %}
