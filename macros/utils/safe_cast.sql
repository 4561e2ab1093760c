{#- dbt's safe_cast is a plain cast on PostgreSQL, so a unit-test fixture drawn from a seed
    with an empty integer cell fails there (`cast('' as integer)`), while DuckDB's try_cast
    gives null. Ours is safe on PostgreSQL too; dbt_project.yml's `dispatch` puts this
    project first for the dbt namespace. -#}
{% macro postgres__safe_cast(field, type) -%}
    {{ clicktrail.try_cast(field, type) }}
{%- endmacro %}
