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
    {%- for key in keys -%}
        {%- do raws.append(clicktrail.url_query_param(params, key, input='query', decode_passes=0)) -%}
    {%- endfor -%}
    case
        when {{ clicktrail.regex_matches(
            params, '(?i)(?:^|&)(?:' ~ clicktrail.url_param_key_regex(keys) ~ ')=[^&]'
        ) }}
            then
            {%- if returns == 'key' %}
                case
                    {%- for key in keys %}
                        when {{ raws[loop.index0] }} is not null then '{{ key }}'
                    {%- endfor %}
                end
            {%- else %}
                nullif(trim({{ clicktrail.url_decode(
                    'coalesce(' ~ raws | join(', ') ~ ')', form=true, passes=2
                ) }}), '')
            {%- endif %}
    end
{%- endmacro %}
