{#- Lifecycle stage of a lead from its signals (boolean SQL expressions and the current
    engagement score), first match wins; doc block lead_lifecycle_stage. Shared by dim_leads
    (stage now) and rpt_lead_score_calibration (stage at the cutoff). -#}
{% macro lead_lifecycle_stage(
    has_won_opportunity,
    has_open_opportunity,
    is_disqualified,
    is_mql,
    was_mql,
    has_lost_opportunity,
    engagement_score
) -%}
    case
        when {{ has_won_opportunity }} then 'customer'
        when {{ has_open_opportunity }} then 'opportunity'
        when {{ is_disqualified }} then 'disqualified'
        when {{ is_mql }} then 'mql'
        when {{ was_mql }} or {{ has_lost_opportunity }} then 'recycled'
        when {{ engagement_score }} >= {{ clicktrail.lead_score_settings().engaged_threshold }}
            then 'engaged'
        else 'subscriber'
    end
{%- endmacro %}
