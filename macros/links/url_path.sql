{#- The path (RFC 3986), as written (not decoded); '/' when empty. -#}
{% macro url_path(expr) -%}
    coalesce(
        {{ clicktrail.regex_extract(
            expr, '^(?:[A-Za-z][A-Za-z0-9+.-]*:)?(?://[^/?#]*)?([^?#]*)'
        ) }},
        '/'
    )
{%- endmacro %}
