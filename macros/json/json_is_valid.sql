{#- True when the text parses as JSON (never raises). -#}
{% macro json_is_valid(expr) -%}
    {{ return(adapter.dispatch('json_is_valid', 'clicktrail')(expr)) }}
{%- endmacro %}

{% macro default__json_is_valid(expr) -%}
    coalesce(json_valid({{ expr }}), false)
{%- endmacro %}

{% macro postgres__json_is_valid(expr) -%}
    ({{ clicktrail.try_cast(expr, 'jsonb') }} is not null)
{%- endmacro %}

{% macro spark__json_is_valid(expr) -%}
    (get_json_object({{ expr }}, '$') is not null)
{%- endmacro %}
