{#- Shared JSON helpers (email and web staging). Extend with adapter variants here.
    json_get_text(json_expr, path): the value at a JSONPath ('$.a.b', '$."$key"') as text;
    a string value is returned unquoted, an object/array as JSON text, a missing key as null. -#}
{% macro json_get_text(json_expr, path) -%}
    {{ return(adapter.dispatch('json_get_text', 'clicktrail')(json_expr, path)) }}
{%- endmacro %}

{% macro default__json_get_text(json_expr, path) -%}
    json_extract_string({{ json_expr }}, '{{ path }}')
{%- endmacro %}

{% macro postgres__json_get_text(json_expr, path) -%}
    {%- set keys = path[2:] | replace('"', '') -%}
    (cast({{ json_expr }} as jsonb) #>> '{ {{- keys.split('.') | join(',') -}} }')
{%- endmacro %}

{% macro spark__json_get_text(json_expr, path) -%}
    get_json_object({{ json_expr }}, '{{ path | replace('"', '') }}')
{%- endmacro %}

{% macro bigquery__json_get_text(json_expr, path) -%}
    json_value({{ json_expr }}, '{{ path }}')
{%- endmacro %}
