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

{#- Keyword that keeps a CTE from being inlined where inlining multiplies work in the
    planner: PostgreSQL flattens a chain of CTEs that each re-read the previous one's
    computed columns into one expression tree, which grows exponentially (int_urls_parsed's
    unwrap passes exhausted 23 GB while planning). `materialized` there; empty elsewhere
    (DuckDB plans such chains well and materialising them costs time). Use as
    `name as {{ clicktrail.cte_fence() }} (...)`. -#}
{% macro cte_fence() -%}
    {{ return(adapter.dispatch('cte_fence', 'clicktrail')()) }}
{%- endmacro %}

{% macro default__cte_fence() -%}
{%- endmacro %}

{% macro postgres__cte_fence() -%}
    materialized
{%- endmacro %}
