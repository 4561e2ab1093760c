{#- Statistics for the relation a model just wrote (a project-wide post-hook). PostgreSQL
    plans from statistics that autovacuum gathers only later: right after an incremental
    run its estimates for a rewritten table are stale, and the data tests that follow at
    once were planned as nested loops (a `__last_run__` test on stg_ga4__events ran for
    9 minutes instead of 0.1 s at 38k rows). DuckDB keeps its statistics current: no-op. -#}
{% macro analyze_written_relation() -%}
    {{ return(adapter.dispatch('analyze_written_relation', 'clicktrail')()) }}
{%- endmacro %}

{% macro default__analyze_written_relation() -%}
{%- endmacro %}

{% macro postgres__analyze_written_relation() -%}
    {%- if model.config.materialized in ('table', 'incremental') -%}
        analyze {{ this }}
    {%- endif -%}
{%- endmacro %}
