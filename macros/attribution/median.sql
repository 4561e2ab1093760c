{#- Aggregate: the median of expr (continuous: the mean of the two middle values when the
    count is even). -#}
{% macro median(expr) -%}
    {{ return(adapter.dispatch('median', 'clicktrail')(expr)) }}
{%- endmacro %}

{% macro default__median(expr) -%}
    percentile_cont(0.5) within group (order by {{ expr }})
{%- endmacro %}

{% macro duckdb__median(expr) -%}
    median({{ expr }})
{%- endmacro %}
