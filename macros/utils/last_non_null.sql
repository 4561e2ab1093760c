{#- Window function head: the last non-null value of expr in the frame (follow it with an
    `over (...)` clause). PostgreSQL has no IGNORE NULLS: an aggregate of ours
    (create_warehouse_functions) does the same as a window function. -#}
{% macro last_non_null(expr) -%}
    {{ return(adapter.dispatch('last_non_null', 'clicktrail')(expr)) }}
{%- endmacro %}

{% macro default__last_non_null(expr) -%}
    last_value({{ expr }} ignore nulls)
{%- endmacro %}

{% macro spark__last_non_null(expr) -%}
    last_value({{ expr }}, true)
{%- endmacro %}

{% macro postgres__last_non_null(expr) -%}
    {{ clicktrail.warehouse_functions_schema() }}.last_non_null({{ expr }})
{%- endmacro %}
