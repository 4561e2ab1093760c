{#- Replace every match of `pattern` in `expr`; `replacement` refers to groups as \1..\9. -#}
{% macro regex_replace(expr, pattern, replacement) -%}
    {{ return(adapter.dispatch('regex_replace', 'clicktrail')(expr, pattern, replacement)) }}
{%- endmacro %}

{% macro default__regex_replace(expr, pattern, replacement) -%}
    regexp_replace(
        {{ expr }},
        {{ clicktrail.regex_literal(pattern) }},
        {{ clicktrail.regex_literal(replacement) }},
        'g'
    )
{%- endmacro %}

{% macro postgres__regex_replace(expr, pattern, replacement) -%}
    regexp_replace(
        {{ expr }},
        {{ clicktrail.regex_literal(pattern) }},
        {{ clicktrail.regex_literal(replacement) }},
        'g'
    )
{%- endmacro %}

{#- Spark (Java) writes group references as $1; regexp_replace is always global. -#}
{% macro spark__regex_replace(expr, pattern, replacement) -%}
    {%- set ns = namespace(replacement=replacement) -%}
    {%- for n in range(1, 10) -%}
        {%- set ns.replacement = ns.replacement | replace('\\' ~ n, '$' ~ n) -%}
    {%- endfor -%}
    regexp_replace(
        {{ expr }},
        {{ clicktrail.regex_literal(pattern) }},
        {{ clicktrail.regex_literal(ns.replacement) }}
    )
{%- endmacro %}
