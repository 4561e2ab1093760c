{#- The scheme (RFC 3986), lowercased: 'https', 'mailto'...; null when there is none. -#}
{% macro url_scheme(expr) -%}
    lower({{ clicktrail.regex_extract(expr, '^([A-Za-z][A-Za-z0-9+.-]*):') }})
{%- endmacro %}
