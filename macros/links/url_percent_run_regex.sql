{#- One percent-encoded character that decodes to well-formed UTF-8 (RFC 3629), %00 excluded.
    Case-insensitive hex; use with the (?i) flag or a case-insensitive match. -#}
{% macro url_percent_run_regex() -%}
    {{ return(
        '%(?:0[1-9a-f]|[1-7][0-9a-f])'
        ~ '|%(?:c[2-9a-f]|d[0-9a-f])%[89ab][0-9a-f]'
        ~ '|%e0%[ab][0-9a-f]%[89ab][0-9a-f]'
        ~ '|%(?:e[1-9a-c]|e[ef])(?:%[89ab][0-9a-f]){2}'
        ~ '|%ed%[89][0-9a-f]%[89ab][0-9a-f]'
        ~ '|%f0%(?:9[0-9a-f]|[ab][0-9a-f])(?:%[89ab][0-9a-f]){2}'
        ~ '|%f[1-3](?:%[89ab][0-9a-f]){3}'
        ~ '|%f4%8[0-9a-f](?:%[89ab][0-9a-f]){2}'
    ) }}
{%- endmacro %}
