{#- A referrer host as a traffic source: trimmed, lowercased, one leading "www." removed
    when a dotted host remains (www.com stays, as in links/url_host_strip_www);
    null when empty. Other subdomains are kept (Google's source lists name hosts such as
    l.facebook.com and news.google.com). -#}
{% macro normalize_referrer_host(host) -%}
    {%- set host_lower = 'nullif(lower(trim(' ~ host ~ ")), '')" -%}
    case
        when {{ host_lower }} like 'www.%.%' then substr({{ host_lower }}, 5)
        else {{ host_lower }}
    end
{%- endmacro %}
