{#- A whole GA4 export row (a row-valued expression, see the GA4 base model) as JSON text:
    the raw payload of a quarantined GA4 event. -#}
{% macro ga4_row_to_json(row_expr) -%}
    {{ return(adapter.dispatch('ga4_row_to_json', 'clicktrail')(row_expr)) }}
{%- endmacro %}

{% macro default__ga4_row_to_json(row_expr) -%}
    cast(to_json({{ row_expr }}) as {{ dbt.type_string() }})
{%- endmacro %}

{% macro bigquery__ga4_row_to_json(row_expr) -%}
    to_json_string({{ row_expr }})
{%- endmacro %}

{% macro spark__ga4_row_to_json(row_expr) -%}
    to_json({{ row_expr }})
{%- endmacro %}
