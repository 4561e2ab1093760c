-- One row per contact x day from the contact's first scored event (a ledger row of any
-- points) to the data's last day (the last day of any contact event), so a score history has
-- no gaps. Built on the portable day_spine macro.
with

matched as (
    select * from {{ ref('int_lead_score_rules_matched') }}
),

contact_events as (
    select * from {{ ref('fct_contact_events') }}
),

data_bounds as (
    select max(event_date) as last_date from contact_events
),

contact_starts as (
    select
        contact_id,
        min(event_date) as first_scored_date
    from matched
    group by contact_id
),

calendar_bounds as (
    select min(first_scored_date) as first_date from contact_starts
),

calendar as (
    {{ clicktrail.day_spine(
        '(select first_date from calendar_bounds)',
        '(select last_date from data_bounds)'
    ) }}
),

final as (
    select
        contact_starts.contact_id,
        calendar.date_day as score_date,
        contact_starts.first_scored_date
    from contact_starts
    inner join calendar
        on contact_starts.first_scored_date <= calendar.date_day
)

select * from final
