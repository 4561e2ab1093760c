{#- The kind of link wrapper `expr` is (its outermost layer): 'safelinks' (Microsoft Defender),
    'urldefense' (Proofpoint v1/v2/v3), 'mimecast', 'barracuda', 'esp_redirect' (a host in
    var clicktrail__redirect_hosts whose redirect parameter holds an http(s) URL), else null.
    An ESP host without such a parameter (an opaque tracking id) is not a wrapper here. -#}
{% macro url_wrapper_type(expr) -%}
    {%- set patterns = clicktrail.url_wrapper_patterns() -%}
    {%- set whens = [] -%}
    {%- for wrapper in ['safelinks', 'urldefense', 'mimecast', 'barracuda', 'esp_redirect'] -%}
        {%- do whens.append(
            'when ' ~ clicktrail.regex_matches(expr, patterns[wrapper])
            ~ " then '" ~ wrapper ~ "'"
        ) -%}
    {%- endfor -%}
    case
        when not {{ clicktrail.regex_matches(expr, patterns.any) }} then null
        {{ whens | join('\n        ') }}
    end
{%- endmacro %}
