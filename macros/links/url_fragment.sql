{#- The fragment after the first '#', as written; null when absent/empty. -#}
{% macro url_fragment(expr) -%}
    {{ clicktrail.regex_extract(expr, '^[^#]*#(.+)') }}
{%- endmacro %}
