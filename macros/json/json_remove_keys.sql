{#- A JSON object text without the given top-level keys (a Jinja list of key names, `$`
    keys allowed), as JSON text; null stays null. Used to keep the properties that have no
    column of their own (extra_properties). -#}
{% macro json_remove_keys(json_expr, keys) -%}
    {{ return(adapter.dispatch('json_remove_keys', 'clicktrail')(json_expr, keys)) }}
{%- endmacro %}

{#- DuckDB: an RFC 7396 merge patch with null values deletes those keys. -#}
{% macro default__json_remove_keys(json_expr, keys) -%}
    {#- key names are plain (no double quote or backslash): the patch is written directly -#}
    {%- set members = [] -%}
    {%- for key in keys -%}{%- do members.append('"' ~ key | replace("'", "''") ~ '":null') -%}{%- endfor -%}
    case
        when {{ json_expr }} is not null
            then cast(json_merge_patch({{ json_expr }}, '{ {{- members | join(',') -}} }')
                as {{ dbt.type_string() }})
    end
{%- endmacro %}

{% macro postgres__json_remove_keys(json_expr, keys) -%}
    (cast({{ json_expr }} as jsonb) - array['{{ keys | join("', '") }}'])::text
{%- endmacro %}

{% macro bigquery__json_remove_keys(json_expr, keys) -%}
    to_json_string(json_remove(parse_json({{ json_expr }})
    {%- for key in keys %}, '$."{{ key }}"'{% endfor %}))
{%- endmacro %}

{% macro spark__json_remove_keys(json_expr, keys) -%}
    to_json(map_filter(from_json({{ json_expr }}, 'map<string,string>'),
        (k, v) -> not array_contains(array('{{ keys | join("', '") }}'), k)))
{%- endmacro %}
