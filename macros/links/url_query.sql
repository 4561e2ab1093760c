{#- The query string between the first '?' and the '#', as written; null when absent/empty. -#}
{% macro url_query(expr) -%}
    {{ clicktrail.regex_extract(expr, '^[^?#]*[?]([^#]+)') }}
{%- endmacro %}
