{#- A referrer host as a traffic source: trimmed, lowercased, one leading "www." removed;
    null when empty. Other subdomains are kept (Google's source lists name hosts such as
    l.facebook.com and news.google.com). -#}
{% macro normalize_referrer_host(host) -%}
    {%- set host_lower = 'nullif(lower(trim(' ~ host ~ ")), '')" -%}
    nullif(
        case
            when {{ host_lower }} like 'www.%' then substr({{ host_lower }}, 5)
            else {{ host_lower }}
        end,
        ''
    )
{%- endmacro %}
