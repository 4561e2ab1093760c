{#- True when the value is an http(s) URL with a usable host: scheme http/https, '//', an
    optional userinfo, a host made of dot-separated labels of letters, digits, '-', '_' or
    non-ASCII (or an IPv6 literal), an optional numeric port, then '/', '?', '#' or the end.
    'ht!tp://%%%', 'example.com/x', '//cdn.example.com/x' and 'mailto:a@b' are not. -#}
{% macro url_is_parseable(expr) -%}
    coalesce({{ clicktrail.regex_matches(
        expr,
        '(?i)^https?://(?:[^/?#]*@)?'
        ~ '(?:\\[[0-9a-f:.]+\\]'
        ~ '|(?:[a-z0-9_-]|[^\\x01-\\x7f])+(?:[.](?:[a-z0-9_-]|[^\\x01-\\x7f])+)*[.]?)'
        ~ '(?::[0-9]*)?(?:[/?#]|$)'
    ) }}, false)
{%- endmacro %}
