{#- The value of query parameter `key` (a literal). Keys match case-insensitively and exactly
    ('xutm_source' is not 'utm_source'); with duplicates the first NON-EMPTY value wins
    ('utm_source=&utm_source=x' gives 'x'). The value is form-decoded ('+' is a space)
    `decode_passes` times (2: %2520 -> ' '), trimmed, and null when empty.
    decode_passes=0 returns the raw value. input='url': `expr` is a URL, read through
    url_param_string; input='query': `expr` already is a parameter string. -#}
{% macro url_query_param(expr, key, input='url', decode_passes=2) -%}
    {%- set params = clicktrail.url_params_input(expr, input) -%}
    {%- set raw = clicktrail.regex_extract(
        params, '(?i)(?:^|&)(?:' ~ clicktrail.url_param_key_regex(key) ~ ')=([^&]+)'
    ) -%}
    {%- if decode_passes == 0 -%}
        {{ raw }}
    {%- else -%}
        nullif(trim({{ clicktrail.url_decode(raw, form=true, passes=decode_passes) }}), '')
    {%- endif -%}
{%- endmacro %}
