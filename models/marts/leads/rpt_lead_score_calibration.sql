-- Calibration of the lead score against CRM outcomes, so a team can tune the weights.
-- Cutoff = the data's last day minus clicktrail__lead_score_calibration_horizon_days. The
-- population is every CRM contact without an opportunity created on or before the cutoff;
-- the outcome is an opportunity created after the cutoff (to the last day). Rows: overall,
-- the total score at the cutoff by decile (1 = lowest, ties split by contact_id), and the
-- lifecycle stage at the cutoff (same rules as dim_leads, applied to what was known then).
{%- set settings = clicktrail.lead_score_settings() %}

with

leads as (
    select * from {{ ref('dim_leads') }}
),

daily as (
    select * from {{ ref('fct_lead_scores_daily') }}
),

mql_events as (
    select * from {{ ref('fct_mql_events') }}
),

matched as (
    select * from {{ ref('int_lead_score_rules_matched') }}
),

opportunities as (
    select * from {{ ref('stg_crm__opportunities') }}
),

bounds as (
    select
        max(score_date) as as_of_date,
        cast({{ dbt.dateadd(
            'day', -settings.calibration_horizon_days, 'max(score_date)'
        ) }} as date) as cutoff_date
    from daily
),

contact_opportunities as (
    select
        leads.contact_id,
        max(case
            when cast(opportunities.created_at as date) <= bounds.cutoff_date then 1 else 0
        end) as had_opportunity_by_cutoff,
        max(case
            when cast(opportunities.created_at as date) > bounds.cutoff_date
                and cast(opportunities.created_at as date) <= bounds.as_of_date
                then 1
            else 0
        end) as has_opportunity_after_cutoff
    from opportunities
    inner join leads
        on opportunities.crm_contact_id = leads.crm_contact_id
    cross join bounds
    group by leads.contact_id
),

flags_at_cutoff as (
    select
        matched.contact_id,
        max(case when matched.is_disqualifier then matched.occurred_at end)
            as last_disqualifier_at,
        max(case when matched.is_hand_raiser then matched.occurred_at end)
            as last_hand_raiser_at
    from matched
    cross join bounds
    where matched.event_date <= bounds.cutoff_date
    group by matched.contact_id
),

mqls_by_cutoff as (
    select
        mql_events.contact_id,
        count(*) as n_mql_events
    from mql_events
    cross join bounds
    where mql_events.mql_date <= bounds.cutoff_date
    group by mql_events.contact_id
),

population as (
    select
        leads.contact_id,
        bounds.cutoff_date,
        bounds.as_of_date,
        coalesce(daily.total_score, leads.crm_fit_points) as total_score,
        coalesce(daily.engagement_score, 0) as engagement_score,
        coalesce(daily.is_mql, false) as is_mql,
        coalesce(mqls_by_cutoff.n_mql_events, 0) > 0 as was_mql,
        coalesce(
            flags_at_cutoff.last_disqualifier_at is not null
            and (
                flags_at_cutoff.last_hand_raiser_at is null
                or flags_at_cutoff.last_hand_raiser_at < flags_at_cutoff.last_disqualifier_at
            ),
            false
        ) as is_disqualified,
        coalesce(contact_opportunities.has_opportunity_after_cutoff, 0) = 1
            as has_opportunity
    from leads
    cross join bounds
    left join daily
        on leads.contact_id = daily.contact_id
            and bounds.cutoff_date = daily.score_date
    left join contact_opportunities
        on leads.contact_id = contact_opportunities.contact_id
    left join flags_at_cutoff
        on leads.contact_id = flags_at_cutoff.contact_id
    left join mqls_by_cutoff
        on leads.contact_id = mqls_by_cutoff.contact_id
    where leads.crm_contact_id is not null
        and coalesce(contact_opportunities.had_opportunity_by_cutoff, 0) = 0
),

classified as (
    select
        *,
        ntile(10) over (order by total_score, contact_id) as score_decile,
        {{ clicktrail.lead_lifecycle_stage(
            has_won_opportunity='false',
            has_open_opportunity='false',
            is_disqualified='is_disqualified',
            is_mql='is_mql',
            was_mql='was_mql',
            has_lost_opportunity='false',
            engagement_score='engagement_score',
        ) }} as lifecycle_stage
    from population
),

bucketed as (
    select
        'overall' as dimension,
        'all' as bucket,
        0 as bucket_order,
        classified.*
    from classified
    union all
    select
        'score_decile' as dimension,
        cast(score_decile as {{ dbt.type_string() }}) as bucket,
        score_decile as bucket_order,
        classified.*
    from classified
    union all
    select
        'lifecycle_stage' as dimension,
        lifecycle_stage as bucket,
        case lifecycle_stage
            when 'subscriber' then 1
            when 'engaged' then 2
            when 'mql' then 3
            when 'recycled' then 4
            when 'disqualified' then 5
            else 9
        end as bucket_order,
        classified.*
    from classified
),

aggregated as (
    select
        dimension,
        bucket,
        bucket_order,
        min(cutoff_date) as cutoff_date,
        min(as_of_date) as as_of_date,
        count(*) as n_contacts,
        sum(case when has_opportunity then 1 else 0 end) as n_with_opportunity,
        min(total_score) as min_total_score,
        max(total_score) as max_total_score,
        avg(total_score) as avg_total_score
    from bucketed
    group by dimension, bucket, bucket_order
),

overall as (
    select {{ clicktrail.safe_ratio('n_with_opportunity', 'n_contacts') }} as overall_rate
    from aggregated
    where dimension = 'overall'
),

final as (
    select
        {{ dbt.concat(["aggregated.dimension", "':'", "aggregated.bucket"]) }}
            as calibration_row_id,
        aggregated.dimension,
        aggregated.bucket,
        cast(aggregated.bucket_order as integer) as bucket_order,
        aggregated.cutoff_date,
        aggregated.as_of_date,
        {{ settings.calibration_horizon_days }} as horizon_days,
        cast(aggregated.n_contacts as integer) as n_contacts,
        cast(aggregated.n_with_opportunity as integer) as n_with_opportunity,
        {{ clicktrail.safe_ratio('aggregated.n_with_opportunity', 'aggregated.n_contacts') }}
            as opportunity_rate,
        {{ clicktrail.safe_ratio(
            clicktrail.safe_ratio('aggregated.n_with_opportunity', 'aggregated.n_contacts'),
            'overall.overall_rate'
        ) }} as lift_vs_overall,
        cast(aggregated.min_total_score as {{ clicktrail.type_double() }}) as min_total_score,
        cast(aggregated.max_total_score as {{ clicktrail.type_double() }}) as max_total_score,
        cast({{ clicktrail.round_double('aggregated.avg_total_score', 4) }} as {{ clicktrail.type_double() }})
            as avg_total_score
    from aggregated
    cross join overall
)

select * from final
