{#- Read many fields of one JSON text with one parse (DECISIONLOG D-025).
    json_extract_paths(json_expr, paths): select it once in a CTE as `fields`;
    json_extracted_path(fields, paths, path): in a later CTE, the value at `path` (one of
    `paths`) as text, with the semantics of json_get_text.
    On DuckDB every json_extract_string call parses the text again (41 fields of a Mixpanel
    line: 41 parses); with a list of paths it parses once and returns a list. Other adapters
    keep the JSON value (Postgres: parsed to jsonb once) and read each path from it. -#}
{% macro json_extract_paths(json_expr, paths) -%}
    {{ return(adapter.dispatch('json_extract_paths', 'clicktrail')(json_expr, paths)) }}
{%- endmacro %}

{% macro default__json_extract_paths(json_expr, paths) -%}
    {#- path literals are plain JSONPath (no single quote): written directly -#}
    json_extract_string({{ json_expr }}, [{%- for path in paths -%}
        '{{ path }}'{{ ', ' if not loop.last }}
    {%- endfor -%}])
{%- endmacro %}

{% macro postgres__json_extract_paths(json_expr, paths) -%}
    cast({{ json_expr }} as jsonb)
{%- endmacro %}

{% macro spark__json_extract_paths(json_expr, paths) -%}
    {{ json_expr }}
{%- endmacro %}

{% macro bigquery__json_extract_paths(json_expr, paths) -%}
    {{ json_expr }}
{%- endmacro %}

{% macro json_extracted_path(fields, paths, path) -%}
    {%- if path not in paths -%}
        {{ exceptions.raise_compiler_error(
            "json_extracted_path: '" ~ path ~ "' is not in the paths given to json_extract_paths"
        ) }}
    {%- endif -%}
    {{ return(adapter.dispatch('json_extracted_path', 'clicktrail')(fields, paths, path)) }}
{%- endmacro %}

{% macro default__json_extracted_path(fields, paths, path) -%}
    {{ fields }}[{{ paths.index(path) + 1 }}]
{%- endmacro %}

{% macro postgres__json_extracted_path(fields, paths, path) -%}
    {{ clicktrail.json_get_text(fields, path) }}
{%- endmacro %}

{% macro spark__json_extracted_path(fields, paths, path) -%}
    {{ clicktrail.json_get_text(fields, path) }}
{%- endmacro %}

{% macro bigquery__json_extracted_path(fields, paths, path) -%}
    {{ clicktrail.json_get_text(fields, path) }}
{%- endmacro %}

{#- A dict path -> the expression reading it from `fields`, for every path in `paths`:
    `{%- set field = clicktrail.json_extracted_paths('event_fields', paths) %}` then
    `{{ field['$.event'] }}`. -#}
{% macro json_extracted_paths(fields, paths) -%}
    {%- set exprs = {} -%}
    {%- for path in paths -%}
        {%- do exprs.update({path: clicktrail.json_extracted_path(fields, paths, path)}) -%}
    {%- endfor -%}
    {{ return(exprs) }}
{%- endmacro %}
