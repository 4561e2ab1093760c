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

{#- The materialization of a model whose rows for a key can disappear (a late event merges
    two sessions: the later session id is gone), so a run must replace all rows of each
    affected key: incremental with delete+insert where the adapter has it, else a table
    rebuilt in full (merge cannot delete rows that are no longer produced). -#}
{% macro replace_by_key_materialization() -%}
    {{ return(adapter.dispatch('replace_by_key_materialization', 'clicktrail')()) }}
{%- endmacro %}

{% macro default__replace_by_key_materialization() -%}
    {{ return('table') }}
{%- endmacro %}

{% macro duckdb__replace_by_key_materialization() -%}
    {{ return('incremental') }}
{%- endmacro %}

{% macro postgres__replace_by_key_materialization() -%}
    {{ return('incremental') }}
{%- endmacro %}
