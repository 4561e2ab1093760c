{#- The JSON type of a valid JSON text, lowercase: 'object', 'array', 'string', 'number',
    'boolean', 'null'. Call only on text that json_is_valid accepted. -#}
{% macro json_kind(expr) -%}
    {{ return(adapter.dispatch('json_kind', 'clicktrail')(expr)) }}
{%- endmacro %}

{% macro default__json_kind(expr) -%}
    case lower(json_type({{ expr }}))
        when 'object' then 'object'
        when 'array' then 'array'
        when 'varchar' then 'string'
        when 'boolean' then 'boolean'
        when 'null' then 'null'
        else 'number'
    end
{%- endmacro %}

{% macro postgres__json_kind(expr) -%}
    jsonb_typeof(cast({{ expr }} as jsonb))
{%- endmacro %}

{#- Number of elements of a JSON array text. -#}
{% macro json_array_length(expr) -%}
    {{ return(adapter.dispatch('json_array_length', 'clicktrail')(expr)) }}
{%- endmacro %}

{% macro default__json_array_length(expr) -%}
    json_array_length({{ expr }})
{%- endmacro %}

{% macro postgres__json_array_length(expr) -%}
    jsonb_array_length(cast({{ expr }} as jsonb))
{%- endmacro %}

{% macro spark__json_array_length(expr) -%}
    json_array_length({{ expr }})
{%- endmacro %}
