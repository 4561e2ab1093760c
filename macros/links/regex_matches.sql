{#- True when `pattern` matches anywhere in `expr` (null when `expr` is null). -#}
{% macro regex_matches(expr, pattern) -%}
    {{ return(adapter.dispatch('regex_matches', 'clicktrail')(expr, pattern)) }}
{%- endmacro %}

{% macro default__regex_matches(expr, pattern) -%}
    regexp_matches({{ expr }}, {{ clicktrail.regex_literal(pattern) }})
{%- endmacro %}

{% macro postgres__regex_matches(expr, pattern) -%}
    ({{ expr }} ~ {{ clicktrail.regex_literal(pattern) }})
{%- endmacro %}

{% macro spark__regex_matches(expr, pattern) -%}
    ({{ expr }} rlike {{ clicktrail.regex_literal(pattern) }})
{%- endmacro %}
