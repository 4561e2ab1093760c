{#- True when `expression` contains a match of the regular expression `pattern`, ignoring
    case (search semantics: anchor with ^ and $ for a full match). `pattern` is a literal
    written into the SQL, so it may not contain a single quote or a backslash. -#}
{% macro regexp_matches_ci(expression, pattern) -%}
    {%- if "'" in pattern or "\\" in pattern -%}
        {{ exceptions.raise_compiler_error(
            "regexp_matches_ci: pattern may not contain a quote or a backslash: " ~ pattern
        ) }}
    {%- endif -%}
    {{ return(adapter.dispatch('regexp_matches_ci', 'clicktrail')(expression, pattern)) }}
{%- endmacro %}

{#- DuckDB (the project's embedded default): the 'i' option makes the match ignore case. -#}
{% macro default__regexp_matches_ci(expression, pattern) -%}
    regexp_matches({{ expression }}, '{{ pattern }}', 'i')
{%- endmacro %}

{% macro postgres__regexp_matches_ci(expression, pattern) -%}
    ({{ expression }} ~* '{{ pattern }}')
{%- endmacro %}

{% macro spark__regexp_matches_ci(expression, pattern) -%}
    ({{ expression }} rlike '(?i){{ pattern }}')
{%- endmacro %}
