-- One row per contact: the lead as of the data's last day. Current engagement, fit (grade
-- A-D) and total score, lifecycle stage (doc block lead_lifecycle_stage), MQL history (doc
-- block mql) and the top three reasons behind the score.
with

contacts as (
    select * from {{ ref('dim_contacts') }}
),

fit_scores as (
    select * from {{ ref('int_lead_fit_scores') }}
),

daily as (
    select * from {{ ref('fct_lead_scores_daily') }}
),

mql_events as (
    select * from {{ ref('fct_mql_events') }}
),

contributions as (
    select * from {{ ref('fct_lead_score_contributions') }}
),

signals as (
    select * from {{ ref('int_lead_lifecycle_signals') }}
),

as_of as (
    select max(score_date) as as_of_date from daily
),

current_scores as (
    select daily.*
    from daily
    inner join as_of
        on daily.score_date = as_of.as_of_date
),

mql_summary as (
    select
        contact_id,
        count(*) as n_mql_events,
        min(mql_at) as first_mql_at,
        max(mql_at) as last_mql_at,
        max(case when is_first_mql then mql_trigger end) as first_mql_trigger
    from mql_events
    group by contact_id
),

top_reasons as (
    select
        contact_id,
        {{ dbt.listagg('reason_text', "'; '", 'order by contribution_rank') }} as top_reasons
    from contributions
    where contribution_rank <= 3
    group by contact_id
),

scores as (
    select
        contacts.contact_id,
        contacts.crm_contact_id,
        as_of.as_of_date,
        coalesce(current_scores.engagement_score, 0) as engagement_score,
        coalesce(current_scores.fit_score, fit_scores.crm_fit_points, 0) as fit_score,
        coalesce(current_scores.total_score, fit_scores.crm_fit_points, 0) as total_score,
        coalesce(fit_scores.crm_fit_points, 0) as crm_fit_points,
        fit_scores.job_title_band,
        fit_scores.company_size_band,
        fit_scores.country_code_band,
        coalesce(current_scores.is_mql, false) as is_mql,
        current_scores.last_activity_date,
        coalesce(mql_summary.n_mql_events, 0) as n_mql_events,
        mql_summary.first_mql_at,
        mql_summary.last_mql_at,
        mql_summary.first_mql_trigger,
        coalesce(signals.is_disqualified, false) as is_disqualified,
        case when signals.is_disqualified then signals.last_disqualifier_at end
            as disqualified_at,
        coalesce(signals.has_open_opportunity, false) as has_open_opportunity,
        coalesce(signals.has_won_opportunity, false) as has_won_opportunity,
        coalesce(signals.has_lost_opportunity, false) as has_lost_opportunity,
        signals.first_opportunity_at,
        top_reasons.top_reasons
    from contacts
    cross join as_of
    left join fit_scores
        on contacts.contact_id = fit_scores.contact_id
    left join current_scores
        on contacts.contact_id = current_scores.contact_id
    left join mql_summary
        on contacts.contact_id = mql_summary.contact_id
    left join signals
        on contacts.contact_id = signals.contact_id
    left join top_reasons
        on contacts.contact_id = top_reasons.contact_id
),

final as (
    select
        contact_id,
        crm_contact_id,
        as_of_date,
        cast(engagement_score as {{ clicktrail.type_double() }}) as engagement_score,
        cast(fit_score as integer) as fit_score,
        {{ clicktrail.lead_fit_grade('fit_score') }} as fit_grade,
        cast(total_score as {{ clicktrail.type_double() }}) as total_score,
        cast(crm_fit_points as integer) as crm_fit_points,
        job_title_band,
        company_size_band,
        country_code_band,
        {{ clicktrail.lead_lifecycle_stage(
            has_won_opportunity='has_won_opportunity',
            has_open_opportunity='has_open_opportunity',
            is_disqualified='is_disqualified',
            is_mql='is_mql',
            was_mql='n_mql_events > 0',
            has_lost_opportunity='has_lost_opportunity',
            engagement_score='engagement_score',
        ) }} as lifecycle_stage,
        is_mql,
        first_mql_at,
        last_mql_at,
        cast(n_mql_events as integer) as n_mql_events,
        first_mql_trigger,
        is_disqualified,
        disqualified_at,
        has_open_opportunity,
        has_won_opportunity,
        has_lost_opportunity,
        first_opportunity_at,
        last_activity_date,
        top_reasons
    from scores
)

select * from final
