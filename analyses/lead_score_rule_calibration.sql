-- Which scoring rules predict sales? For every rule of lead_scoring_rules: the CRM contacts
-- that earned it (any ledger row, capped or not) by the calibration cutoff, and how often
-- they got an opportunity after the cutoff compared with those that did not. A rule whose
-- lift is near 1 (or below) is a candidate for fewer points; one with a high lift for more.
-- Same cutoff and population as rpt_lead_score_calibration. Run: dbt compile, then execute
-- the compiled SQL.
{%- set settings = clicktrail.lead_score_settings() %}

with

leads as (
    select * from {{ ref('dim_leads') }}
),

ledger as (
    select * from {{ ref('fct_lead_score_events') }}
),

opportunities as (
    select * from {{ ref('stg_crm__opportunities') }}
),

rules as (
    select * from {{ ref('lead_scoring_rules') }}
),

bounds as (
    select
        max(as_of_date) as as_of_date,
        cast({{ dbt.dateadd(
            'day', -settings.calibration_horizon_days, 'max(as_of_date)'
        ) }} as date) as cutoff_date
    from leads
),

outcomes as (
    select
        leads.contact_id,
        max(case
            when cast(opportunities.created_at as date) <= bounds.cutoff_date then 1 else 0
        end) as had_opportunity_by_cutoff,
        max(case
            when cast(opportunities.created_at as date) > bounds.cutoff_date then 1 else 0
        end) as has_opportunity_after_cutoff
    from leads
    cross join bounds
    left join opportunities
        on leads.crm_contact_id = opportunities.crm_contact_id
    where leads.crm_contact_id is not null
    group by leads.contact_id
),

population as (
    select * from outcomes
    where had_opportunity_by_cutoff = 0
),

rule_hits as (
    select distinct
        ledger.contact_id,
        ledger.rule_id
    from ledger
    cross join bounds
    where ledger.event_date <= bounds.cutoff_date
),

rule_population as (
    select
        rules.rule_id,
        rules.points,
        case when rule_hits.contact_id is null then 0 else 1 end as has_rule,
        population.has_opportunity_after_cutoff as converted
    from rules
    cross join population
    left join rule_hits
        on rules.rule_id = rule_hits.rule_id
            and population.contact_id = rule_hits.contact_id
),

final as (
    select
        rule_id,
        points,
        sum(has_rule) as n_contacts_with_rule,
        sum(has_rule * converted) as n_converted_with_rule,
        {{ clicktrail.safe_ratio('sum(has_rule * converted)', 'sum(has_rule)') }}
            as rate_with_rule,
        {{ clicktrail.safe_ratio(
            'sum((1 - has_rule) * converted)', 'sum(1 - has_rule)'
        ) }} as rate_without_rule
    from rule_population
    group by rule_id, points
)

select
    *,
    {{ clicktrail.safe_ratio('rate_with_rule', 'rate_without_rule') }} as lift
from final
order by rule_id
