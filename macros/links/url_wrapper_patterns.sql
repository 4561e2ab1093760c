{#- Regexes (case-insensitive, anchored at the start of the URL) recognising each wrapper.
    `any` matches every wrapper host and is the cheap guard used before the others. -#}
{% macro url_wrapper_patterns() -%}
    {%- set settings = clicktrail.url_settings() -%}
    {%- set esp_hosts = [] -%}
    {%- for host_glob in settings.redirect_hosts -%}
        {%- do esp_hosts.append(
            host_glob | lower | replace('.', '[.]') | replace('*', '[^/?#@:]*')
        ) -%}
    {%- endfor -%}
    {%- set hosts = {
        'safelinks': '(?:[^/?#@:]*[.])?safelinks[.]protection[.](?:outlook[.]com|office365[.]us)',
        'urldefense': 'urldefense(?:[.]proofpoint)?[.](?:com|us)',
        'mimecast': 'protect[a-z0-9-]*[.]mimecast[.]com|(?:[^/?#@:]*[.])?mimecastprotect[.]com',
        'barracuda': 'linkprotect[.]cudasvc[.]com',
        'esp_redirect': esp_hosts | join('|'),
    } -%}
    {%- set start = '(?i)^https?://(?:[^/?#]*@)?(?:' -%}
    {%- set host_end = ')(?::[0-9]*)?(?:[/?#]|$)' -%}
    {%- set redirect_keys = clicktrail.url_param_key_regex(settings.redirect_params) -%}
    {{ return({
        'any': start ~ (hosts.values() | join('|')) ~ host_end,
        'safelinks': start ~ hosts.safelinks ~ host_end,
        'urldefense': start ~ hosts.urldefense ~ host_end,
        'mimecast': start ~ hosts.mimecast ~ host_end,
        'barracuda': start ~ hosts.barracuda ~ host_end,
        'esp_redirect': start ~ hosts.esp_redirect ~ ')(?::[0-9]*)?(?:/[^?#]*)?[?](?:[^#]*&)?(?:'
            ~ redirect_keys ~ ')=https?(?::|%3a|%253a)',
        'urldefense_v1': '(?i)^https?://urldefense[.]proofpoint[.]com/v1/url[?]',
        'urldefense_v2': '(?i)^https?://urldefense[.]proofpoint[.]com/v2/url[?]',
        'urldefense_v3': '(?i)^https?://urldefense[.](?:com|us)/v3/__(.*?)__(?:;|$)',
        'urldefense_v3_chars': '(?i)^https?://urldefense[.](?:com|us)/v3/__.*?__;([a-z0-9_-]*)',
    }) }}
{%- endmacro %}
