{#- Regex alternation matching one or more literal parameter keys (validated). -#}
{% macro url_param_key_regex(keys) -%}
    {%- set key_list = [keys] if keys is string else keys -%}
    {%- set escaped = [] -%}
    {%- for key in key_list -%}
        {%- if key is not string or key | length == 0 or key | lower | trim(
            'abcdefghijklmnopqrstuvwxyz0123456789_.-'
        ) | length > 0 -%}
            {{ exceptions.raise_compiler_error(
                "url param key " ~ key ~ " must be a non-empty literal of [A-Za-z0-9_.-]"
            ) }}
        {%- endif -%}
        {%- do escaped.append(key | replace('.', '[.]')) -%}
    {%- endfor -%}
    {{ return(escaped | join('|')) }}
{%- endmacro %}
