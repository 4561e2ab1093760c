{#- Set-returning select-list expression: one row per element of a JSON array text, each
    element rendered as JSON text. Used where one raw line holds a whole webhook POST body. -#}
{% macro json_array_elements(expr) -%}
    {{ return(adapter.dispatch('json_array_elements', 'clicktrail')(expr)) }}
{%- endmacro %}

{% macro default__json_array_elements(expr) -%}
    unnest(cast(json_extract({{ expr }}, '$[*]') as varchar[]))
{%- endmacro %}

{% macro postgres__json_array_elements(expr) -%}
    jsonb_array_elements(cast({{ expr }} as jsonb))::text
{%- endmacro %}

{% macro spark__json_array_elements(expr) -%}
    explode(from_json({{ expr }}, 'array<string>'))
{%- endmacro %}
