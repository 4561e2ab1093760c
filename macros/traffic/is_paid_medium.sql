{#- GA4's "paid" medium test: medium matches ^(.*cp.*|ppc|retargeting|paid.*)$, ignoring
    case. Never null: a null medium is not paid. -#}
{% macro is_paid_medium(medium) -%}
    coalesce({{ clicktrail.regexp_matches_ci(
        'lower(' ~ medium ~ ')', '^(.*cp.*|ppc|retargeting|paid.*)$'
    ) }}, false)
{%- endmacro %}
