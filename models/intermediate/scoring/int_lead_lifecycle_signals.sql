-- One row per contact: the non-score signals of its lifecycle stage (doc block
-- lead_lifecycle_stage): CRM opportunities (open, won, lost) and the last disqualifier and
-- hand-raiser events (seed lead_scoring_rules flags; capped or not, a matched event counts).
with

contacts as (
    select * from {{ ref('dim_contacts') }}
),

opportunities as (
    select * from {{ ref('stg_crm__opportunities') }}
),

matched as (
    select * from {{ ref('int_lead_score_rules_matched') }}
),

contact_opportunities as (
    select
        contacts.contact_id,
        count(*) as n_opportunities,
        min(opportunities.created_at) as first_opportunity_at,
        max(case when opportunities.is_won then 1 else 0 end) as has_won,
        max(case when opportunities.stage = 'lost' then 1 else 0 end) as has_lost,
        max(case
            when not opportunities.is_won and opportunities.stage != 'lost' then 1 else 0
        end) as has_open
    from opportunities
    inner join contacts
        on opportunities.crm_contact_id = contacts.crm_contact_id
    group by contacts.contact_id
),

flagged_events as (
    select
        contact_id,
        max(case when is_disqualifier then occurred_at end) as last_disqualifier_at,
        max(case when is_hand_raiser then occurred_at end) as last_hand_raiser_at,
        min(case when is_hand_raiser then occurred_at end) as first_hand_raiser_at
    from matched
    where is_disqualifier or is_hand_raiser
    group by contact_id
),

final as (
    select
        contacts.contact_id,
        contacts.crm_contact_id,
        coalesce(contact_opportunities.n_opportunities, 0) as n_opportunities,
        contact_opportunities.first_opportunity_at,
        coalesce(contact_opportunities.has_won, 0) = 1 as has_won_opportunity,
        coalesce(contact_opportunities.has_open, 0) = 1 as has_open_opportunity,
        coalesce(contact_opportunities.has_lost, 0) = 1 as has_lost_opportunity,
        flagged_events.first_hand_raiser_at,
        flagged_events.last_hand_raiser_at,
        flagged_events.last_disqualifier_at,
        coalesce(
            flagged_events.last_disqualifier_at is not null
            and (
                flagged_events.last_hand_raiser_at is null
                or flagged_events.last_hand_raiser_at < flagged_events.last_disqualifier_at
            ),
            false
        ) as is_disqualified
    from contacts
    left join contact_opportunities
        on contacts.contact_id = contact_opportunities.contact_id
    left join flagged_events
        on contacts.contact_id = flagged_events.contact_id
)

select * from final
