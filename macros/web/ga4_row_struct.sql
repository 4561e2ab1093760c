{#- The whole current row of a GA4 export relation (by its alias) as one struct value, used
    as a total order and identity for exact-duplicate rows and rendered as the quarantine
    payload by ga4_row_to_json. -#}
{% macro ga4_row_struct(relation_alias) -%}
    {{ return(adapter.dispatch('ga4_row_struct', 'clicktrail')(relation_alias)) }}
{%- endmacro %}

{#- DuckDB and BigQuery: a table alias used as a value is the row as a struct. -#}
{% macro default__ga4_row_struct(relation_alias) -%}
    {{ relation_alias }}
{%- endmacro %}

{% macro spark__ga4_row_struct(relation_alias) -%}
    struct({{ relation_alias }}.*)
{%- endmacro %}
