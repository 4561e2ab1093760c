{#- The incremental strategy for this adapter: delete+insert where it exists (DuckDB,
    Postgres), merge elsewhere (Spark/Databricks, BigQuery, Snowflake). -#}
{% macro incremental_strategy() -%}
    {{ return(adapter.dispatch('incremental_strategy', 'clicktrail')()) }}
{%- endmacro %}

{% macro default__incremental_strategy() -%}
    {{ return('merge') }}
{%- endmacro %}

{% macro duckdb__incremental_strategy() -%}
    {{ return('delete+insert') }}
{%- endmacro %}

{% macro postgres__incremental_strategy() -%}
    {{ return('delete+insert') }}
{%- endmacro %}
