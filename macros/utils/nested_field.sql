{#- A field of a nested (struct / record) value: `expr.f1.f2` on engines with structs
    (DuckDB, BigQuery, Spark); on PostgreSQL, where nested export columns are jsonb, the
    JSON path as text, cast to data_type when one is given. `path` is a dotted field path. -#}
{% macro nested_field(expr, path, data_type=none) -%}
    {{ return(adapter.dispatch('nested_field', 'clicktrail')(expr, path, data_type)) }}
{%- endmacro %}

{% macro default__nested_field(expr, path, data_type) -%}
    {{ expr }}.{{ path }}
{%- endmacro %}

{% macro postgres__nested_field(expr, path, data_type) -%}
    {%- set parts = path.split('.') -%}
    {%- set text -%}
        ({{ expr }}{% for part in parts[:-1] %} -> '{{ part }}'{% endfor %} ->> '{{ parts[-1] }}')
    {%- endset -%}
    {%- if data_type is none -%}
        {{ text }}
    {%- else -%}
        cast({{ text }} as {{ data_type }})
    {%- endif -%}
{%- endmacro %}
