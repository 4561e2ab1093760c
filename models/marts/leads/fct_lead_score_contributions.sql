-- Why a lead scores what it scores: one row per contact x reason as of the data's last day.
-- Event rules contribute their ledger points, each weighted by its decay from the day it was
-- earned (decayed exactly as in fct_lead_scores_daily); CRM fit attributes contribute their
-- fit points. A contact's contributions sum to its total score in dim_leads.
{%- set settings = clicktrail.lead_score_settings() %}
{%- set fit_attributes = ['job_title', 'company_size', 'country_code', 'industry'] %}

with

ledger as (
    select * from {{ ref('fct_lead_score_events') }}
),

daily as (
    select * from {{ ref('fct_lead_scores_daily') }}
),

fit_scores as (
    select * from {{ ref('int_lead_fit_scores') }}
),

as_of as (
    select max(score_date) as as_of_date from daily
),

current_clocks as (
    select
        daily.contact_id,
        daily.decay_clock as current_clock
    from daily
    inner join as_of
        on daily.score_date = as_of.as_of_date
),

ledger_weighted as (
    select
        ledger.contact_id,
        ledger.rule_id,
        ledger.score_group,
        ledger.rule_description,
        ledger.occurred_at,
        ledger.points,
        ledger.points * case
            when ledger.score_group = 'engagement'
                and ledger.points {{ '!=' if settings.decay_negative_points else '>' }} 0
                then {{ clicktrail.lead_score_decay_weight(
                    'current_clocks.current_clock', 'daily.decay_clock'
                ) }}
            else 1
        end as contribution
    from ledger
    inner join daily
        on ledger.contact_id = daily.contact_id
            and ledger.event_date = daily.score_date
    inner join current_clocks
        on ledger.contact_id = current_clocks.contact_id
),

rule_contributions as (
    select
        contact_id,
        'event_rule' as reason_source,
        rule_id as reason_key,
        score_group,
        max(rule_description) as reason_label,
        sum(points) as points_earned,
        sum(contribution) as contribution,
        count(*) as n_events,
        max(occurred_at) as last_event_at
    from ledger_weighted
    group by contact_id, rule_id, score_group
),

fit_contributions as (
    {% for attribute in fit_attributes %}
        select
            contact_id,
            'crm_fit' as reason_source,
            '{{ attribute }}' as reason_key,
            'fit' as score_group,
            {{ attribute }}_band as reason_label,
            {{ attribute }}_points as points_earned,
            cast({{ attribute }}_points as {{ clicktrail.type_double() }}) as contribution,
            0 as n_events,
            cast(null as {{ dbt.type_timestamp() }}) as last_event_at
        from fit_scores
        where {{ attribute }}_fit_rule_id is not null
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

unioned as (
    select * from rule_contributions
    union all
    select * from fit_contributions
),

ranked as (
    select
        *,
        case
            when {{ clicktrail.round_double('contribution', 4) }} != 0
                then row_number() over (
                        partition by contact_id
                        order by
                            case when {{ clicktrail.round_double('contribution', 4) }} != 0 then 0 else 1 end,
                            -- rounded as shown: the last bits of a float sum depend on
                            -- the order it was added in, which must not reorder ties
                            {{ clicktrail.round_double('abs(contribution)', 4) }} desc,
                            reason_source,
                            reason_key asc
                    )
        end as contribution_rank
    from unioned
),

final as (
    select
        {{ dbt.hash(dbt.concat([
            "ranked.contact_id", "'|'", "ranked.reason_source", "'|'", "ranked.reason_key"
        ])) }} as lead_score_contribution_id,
        ranked.contact_id,
        as_of.as_of_date,
        ranked.reason_source,
        ranked.reason_key,
        ranked.score_group,
        ranked.reason_label,
        cast(ranked.points_earned as integer) as points_earned,
        cast({{ clicktrail.round_double('ranked.contribution', 4) }} as {{ clicktrail.type_double() }}) as contribution,
        cast(ranked.n_events as integer) as n_events,
        ranked.last_event_at,
        cast(ranked.contribution_rank as integer) as contribution_rank,
        {{ dbt.concat([
            "case when ranked.reason_source = 'crm_fit' then "
                ~ dbt.concat(["ranked.reason_key", "'='", "ranked.reason_label"])
                ~ " else ranked.reason_key end",
            "' '",
            "case when ranked.contribution > 0 then '+' else '' end",
            "cast(cast(ranked.contribution as decimal(18, 1)) as " ~ dbt.type_string() ~ ")",
        ]) }} as reason_text
    from ranked
    cross join as_of
)

select * from final
