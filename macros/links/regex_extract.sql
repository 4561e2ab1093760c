{#- Capture group `group` (>= 1) of the first match of `pattern` in `expr`; null when there is
    no match or the group is empty (the same on every engine). -#}
{% macro regex_extract(expr, pattern, group=1) -%}
    {%- if group < 1 -%}
        {{ exceptions.raise_compiler_error("regex_extract: group must be >= 1") }}
    {%- endif -%}
    {{ return(adapter.dispatch('regex_extract', 'clicktrail')(expr, pattern, group)) }}
{%- endmacro %}

{% macro default__regex_extract(expr, pattern, group) -%}
    nullif(regexp_extract({{ expr }}, {{ clicktrail.regex_literal(pattern) }}, {{ group }}), '')
{%- endmacro %}

{% macro postgres__regex_extract(expr, pattern, group) -%}
    nullif((regexp_match({{ expr }}, {{ clicktrail.regex_literal(pattern) }}))[{{ group }}], '')
{%- endmacro %}

{% macro spark__regex_extract(expr, pattern, group) -%}
    nullif(regexp_extract({{ expr }}, {{ clicktrail.regex_literal(pattern) }}, {{ group }}), '')
{%- endmacro %}
