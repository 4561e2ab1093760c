{#- expr rounded to `digits` decimal places, as a double. Postgres has no round(double, int),
    so it rounds a numeric. -#}
{% macro round_double(expr, digits) -%}
    {{ return(adapter.dispatch('round_double', 'clicktrail')(expr, digits)) }}
{%- endmacro %}

{% macro default__round_double(expr, digits) -%}
    round({{ expr }}, {{ digits }})
{%- endmacro %}

{% macro postgres__round_double(expr, digits) -%}
    cast(round(cast({{ expr }} as numeric), {{ digits }}) as double precision)
{%- endmacro %}
