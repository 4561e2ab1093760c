{#- GA4's default channel group: the 18 rules in Google's order, first match wins, case
    ignored (source, medium and campaign are lowered here; callers keep raw values).
    `source_category` is the SOURCE_CATEGORY_* value of the source (seed
    ga4_source_categories), or null. Direct also takes null/empty source and medium as
    "(direct)" / "(not set)". See _traffic__macros.yml. -#}
{% macro default_channel_group(source, medium, campaign, source_category) -%}
    {%- set src = 'lower(' ~ source ~ ')' -%}
    {%- set med = 'lower(' ~ medium ~ ')' -%}
    {%- set cmp = 'lower(' ~ campaign ~ ')' -%}
    {%- set cat = source_category -%}
    {%- set is_paid = clicktrail.is_paid_medium(medium) -%}
    {%- set is_shopping_campaign = clicktrail.regexp_matches_ci(
        cmp, '^(.*(([^a-df-z]|^)shop|shopping).*)$'
    ) -%}
    case
        when coalesce({{ src }}, '') in ('', '(direct)')
            and coalesce({{ med }}, '') in ('', '(not set)', '(none)')
            then 'Direct'
        when {{ cmp }} like '%cross-network%'
            then 'Cross-network'
        when ({{ cat }} = 'SOURCE_CATEGORY_SHOPPING' or {{ is_shopping_campaign }})
            and {{ is_paid }}
            then 'Paid Shopping'
        when {{ cat }} = 'SOURCE_CATEGORY_SEARCH' and {{ is_paid }}
            then 'Paid Search'
        when {{ cat }} = 'SOURCE_CATEGORY_SOCIAL' and {{ is_paid }}
            then 'Paid Social'
        when {{ cat }} = 'SOURCE_CATEGORY_VIDEO' and {{ is_paid }}
            then 'Paid Video'
        when {{ med }} in ('display', 'banner', 'expandable', 'interstitial', 'cpm')
            then 'Display'
        when {{ is_paid }}
            then 'Paid Other'
        when {{ cat }} = 'SOURCE_CATEGORY_SHOPPING' or {{ is_shopping_campaign }}
            then 'Organic Shopping'
        when {{ cat }} = 'SOURCE_CATEGORY_SOCIAL'
            or {{ med }} in (
                'social', 'social-network', 'social-media', 'sm',
                'social network', 'social media'
            )
            then 'Organic Social'
        when {{ cat }} = 'SOURCE_CATEGORY_VIDEO' or {{ med }} like '%video%'
            then 'Organic Video'
        when {{ cat }} = 'SOURCE_CATEGORY_SEARCH' or {{ med }} = 'organic'
            then 'Organic Search'
        when {{ med }} in ('referral', 'app', 'link')
            then 'Referral'
        when {{ src }} in ('email', 'e-mail', 'e_mail', 'e mail')
            or {{ med }} in ('email', 'e-mail', 'e_mail', 'e mail')
            then 'Email'
        when {{ med }} = 'affiliate'
            then 'Affiliates'
        when {{ med }} = 'audio'
            then 'Audio'
        when {{ src }} = 'sms' or {{ med }} = 'sms'
            then 'SMS'
        when {{ med }} like '%push'
            or {{ med }} like '%mobile%'
            or {{ med }} like '%notification%'
            or {{ src }} = 'firebase'
            then 'Mobile Push Notifications'
        else 'Unassigned'
    end
{%- endmacro %}
