{#- Session source and medium from a landing's signals, in this order: UTMs; a paid click
    id; an external referrer; fbclid alone; else (direct) / (none). Renders two select-list
    items, `<source> as <source_alias>, <medium> as <medium_alias>` (no trailing comma).
    Contract, click-id table and examples: _traffic__macros.yml. -#}
{% macro traffic_source_from_signals(
    utm_source,
    utm_medium,
    click_id_type,
    referrer_host,
    site_domains_var='clicktrail__site_domains',
    referrer_source_category=none,
    source_alias='traffic_source',
    medium_alias='traffic_medium'
) -%}
    {#- The site's own domains: a var name, or a list (handy in tests). -#}
    {%- if site_domains_var is string -%}
        {%- set domains = var(site_domains_var, []) -%}
    {%- else -%}
        {%- set domains = site_domains_var -%}
    {%- endif -%}
    {%- if domains is string -%}
        {%- set domains = domains.split(',') -%}
    {%- endif -%}
    {%- set own = [] -%}
    {%- for domain in domains or [] -%}
        {%- set d = domain | string | trim | lower -%}
        {%- if d.startswith('www.') and '.' in d[4:] -%}{%- set d = d[4:] -%}{%- endif -%}
        {%- set d = d | replace("'", "''") -%}
        {%- if d and d not in own -%}{%- do own.append(d) -%}{%- endif -%}
    {%- endfor -%}

    {%- set host = clicktrail.normalize_referrer_host(referrer_host) -%}
    {%- set own_checks = [] -%}
    {%- for d in own -%}
        {%- do own_checks.append(host ~ " = '" ~ d ~ "'") -%}
        {%- do own_checks.append(host ~ " like '%." ~ d ~ "'") -%}
    {%- endfor -%}
    {%- set is_external -%}
        ({{ host }} is not null
        {%- if own_checks %} and not ({{ own_checks | join(' or ') }}){% endif %})
    {%- endset -%}

    {%- set has_utm -%}
        (coalesce(trim({{ utm_source }}), '') <> ''
        or coalesce(trim({{ utm_medium }}), '') <> '')
    {%- endset -%}
    {%- set click_id = 'lower(trim(' ~ click_id_type ~ '))' -%}
    {%- set google_click_ids = "('gclid', 'gbraid', 'wbraid', 'dclid', 'gad_source')" -%}
    {%- set paid_click_ids = (
        "('gclid', 'gbraid', 'wbraid', 'dclid', 'gad_source', "
        ~ "'msclkid', 'li_fat_id', 'ttclid', 'twclid')"
    ) -%}

    case
        when {{ has_utm }}
            then coalesce(nullif(trim({{ utm_source }}), ''), '(not set)')
        when {{ click_id }} in {{ google_click_ids }} then 'google'
        when {{ click_id }} = 'msclkid' then 'bing'
        when {{ click_id }} = 'li_fat_id' then 'linkedin'
        when {{ click_id }} = 'ttclid' then 'tiktok'
        when {{ click_id }} = 'twclid' then 'twitter'
        when {{ is_external }} then {{ host }}
        when {{ click_id }} = 'fbclid' then 'facebook'
        else '(direct)'
    end as {{ source_alias }},
    case
        when {{ has_utm }}
            then coalesce(nullif(trim({{ utm_medium }}), ''), '(not set)')
        when {{ click_id }} in {{ paid_click_ids }} then 'cpc'
        when {{ is_external }}
            {%- if referrer_source_category is not none %}
            then case
                when {{ referrer_source_category }} = 'SOURCE_CATEGORY_SEARCH'
                    then 'organic'
                else 'referral'
            end
            {%- else %}
            then 'referral'
            {%- endif %}
        when {{ click_id }} = 'fbclid' then 'social'
        else '(none)'
    end as {{ medium_alias }}
{%- endmacro %}
