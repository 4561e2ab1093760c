{#- The host of the authority (RFC 3986), lowercased, without userinfo (up to the last '@')
    or port; an IPv6 literal keeps its brackets. Null when the value has no '//' authority
    (e.g. 'example.com/x', 'mailto:a@b'). strip_www=true also drops a leading 'www.'. -#}
{% macro url_host(expr, strip_www=false) -%}
    {%- set host -%}
        lower({{ clicktrail.regex_extract(
            expr,
            '^(?:[A-Za-z][A-Za-z0-9+.-]*:)?//(?:[^/?#]*@)?(\\[[^\\]/?#]*\\]|[^:/?#]+)'
        ) }})
    {%- endset -%}
    {{ clicktrail.url_host_strip_www(host) if strip_www else host }}
{%- endmacro %}
