{#- The first of `keys` (list order = precedence, not position in the URL) present with a
    non-empty raw value: that value, form-decoded twice, trimmed, null when blank
    (returns='value'), or that key (returns='key'). Both pick the same key. One regex for
    "any of the keys" guards the per-key lookups, so URLs without any pay for one. -#}
{% macro url_first_param(expr, keys, input='url', returns='value') -%}
    {%- if returns not in ('value', 'key') -%}
        {{ exceptions.raise_compiler_error("returns must be 'value' or 'key'") }}
    {%- endif -%}
    {%- set params = clicktrail.url_params_input(expr, input) -%}
    {%- set raws = [] -%}
    {%- set key_whens = [] -%}
    {%- for key in keys -%}
        {%- set raw = clicktrail.url_query_param(params, key, input='query', decode_passes=0) -%}
        {%- do raws.append(raw) -%}
        {%- do key_whens.append('when ' ~ raw ~ " is not null then '" ~ key ~ "'") -%}
    {%- endfor -%}
    {%- if returns == 'key' -%}
        {%- set picked = 'case ' ~ key_whens | join(' ') ~ ' end' -%}
    {%- else -%}
        {%- set picked = 'nullif(trim(' ~ clicktrail.url_decode(
            'coalesce(' ~ raws | join(', ') ~ ')', form=true, passes=2
        ) ~ "), '')" -%}
    {%- endif -%}
    case
        when {{ clicktrail.regex_matches(
            params, '(?i)(?:^|&)(?:' ~ clicktrail.url_param_key_regex(keys) ~ ')=[^&]'
        ) }}
            then {{ picked }}
    end
{%- endmacro %}
