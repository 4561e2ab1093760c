{#- An 8-byte floating point type (dbt.type_float() is 4-byte REAL on some engines). -#}
{% macro type_double() -%}
    {{ return(adapter.dispatch('type_double', 'clicktrail')()) }}
{%- endmacro %}

{% macro default__type_double() -%}
    double
{%- endmacro %}

{% macro postgres__type_double() -%}
    double precision
{%- endmacro %}

{% macro bigquery__type_double() -%}
    float64
{%- endmacro %}
