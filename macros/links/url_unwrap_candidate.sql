{#- The destination carried by the outermost wrapper of `expr`, still encoded as found
    (decode it with url_decode_embedded): Safe Links 'url', Barracuda 'a', Proofpoint v1 'u',
    v2 'u' with its '-XX'/'_' scheme turned into %XX and '/', v3 the URL between '__' and
    '__;' with its '*' placeholders restored, an ESP redirect's first redirect parameter
    (var clicktrail__redirect_params) holding an http(s) URL. Null when `expr` is no
    wrapper or the destination cannot be read (mimecast). wrapper_type_expr: an already
    computed url_wrapper_type(expr), to avoid computing it again. -#}
{% macro url_unwrap_candidate(expr, wrapper_type_expr=none) -%}
    {%- set patterns = clicktrail.url_wrapper_patterns() -%}
    {%- set query = clicktrail.url_query(expr) -%}
    {%- set proofpoint_u = clicktrail.url_query_param(
        query, 'u', input='query', decode_passes=0
    ) -%}
    {%- set wrapper_type = wrapper_type_expr or clicktrail.url_wrapper_type(expr) -%}
    {#- an ESP redirect: the first redirect parameter that holds an http(s) URL -#}
    {%- set redirect_urls = [] -%}
    {%- for key in clicktrail.url_settings().redirect_params -%}
        {%- set raw = clicktrail.url_query_param(query, key, input='query', decode_passes=0) -%}
        {%- do redirect_urls.append(
            'case when ' ~ clicktrail.regex_matches(raw, '(?i)^https?(?::|%3a|%253a)')
            ~ ' then ' ~ raw ~ ' end'
        ) -%}
    {%- endfor %}
    case {{ wrapper_type }}
        when 'safelinks'
            then {{ clicktrail.url_query_param(query, 'url', input='query', decode_passes=0) }}
        when 'barracuda'
            then {{ clicktrail.url_query_param(query, 'a', input='query', decode_passes=0) }}
        when 'urldefense' then case
            when {{ clicktrail.regex_matches(expr, patterns.urldefense_v3) }}
                then {{ clicktrail.urldefense_v3_decode(
                    clicktrail.regex_extract(expr, patterns.urldefense_v3),
                    'coalesce(' ~ clicktrail.regex_extract(expr, patterns.urldefense_v3_chars)
                    ~ ", '')"
                ) }}
            when {{ clicktrail.regex_matches(expr, patterns.urldefense_v2) }}
                then {{ dbt.replace(dbt.replace(proofpoint_u, "'-'", "'%'"), "'_'", "'/'") }}
            when {{ clicktrail.regex_matches(expr, patterns.urldefense_v1) }}
                then {{ proofpoint_u }}
        end
        when 'esp_redirect' then coalesce({{ redirect_urls | join(', ') }})
    end
{%- endmacro %}
