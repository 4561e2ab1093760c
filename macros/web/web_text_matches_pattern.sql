{#- True when text_expr matches pattern_expr, both SQL expressions (e.g. a column of a
    pattern seed): a pattern starting with `re:` is a regular expression (the rest of it),
    any other pattern is a plain substring. Compare lowercased text with lowercase patterns
    for a case-insensitive match. Null when the text is null. -#}
{% macro web_text_matches_pattern(text_expr, pattern_expr) -%}
    {{ return(adapter.dispatch('web_text_matches_pattern', 'clicktrail')(text_expr, pattern_expr)) }}
{%- endmacro %}

{% macro default__web_text_matches_pattern(text_expr, pattern_expr) -%}
    case
        when {{ pattern_expr }} like 're:%'
            then regexp_matches({{ text_expr }}, substr({{ pattern_expr }}, 4))
        else contains({{ text_expr }}, {{ pattern_expr }})
    end
{%- endmacro %}

{% macro postgres__web_text_matches_pattern(text_expr, pattern_expr) -%}
    case
        when {{ pattern_expr }} like 're:%' then {{ text_expr }} ~ substr({{ pattern_expr }}, 4)
        else strpos({{ text_expr }}, {{ pattern_expr }}) > 0
    end
{%- endmacro %}

{% macro spark__web_text_matches_pattern(text_expr, pattern_expr) -%}
    case
        when {{ pattern_expr }} like 're:%' then {{ text_expr }} rlike substr({{ pattern_expr }}, 4)
        else instr({{ text_expr }}, {{ pattern_expr }}) > 0
    end
{%- endmacro %}

{% macro bigquery__web_text_matches_pattern(text_expr, pattern_expr) -%}
    case
        when {{ pattern_expr }} like 're:%'
            then regexp_contains({{ text_expr }}, substr({{ pattern_expr }}, 4))
        else strpos({{ text_expr }}, {{ pattern_expr }}) > 0
    end
{%- endmacro %}
