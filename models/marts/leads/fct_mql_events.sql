-- One row per MQL crossing (doc block mql): the day a contact enters an MQL episode, first
-- or again after a break. Within that day the ledger rows are replayed in time order from
-- the day's opening score; the crossing is the first row that brings the running score to
-- the threshold, or a hand-raiser. The rows up to it are the events that pushed it over.
{%- set settings = clicktrail.lead_score_settings() %}
{%- set basis_column = 'total_score' if settings.mql_basis == 'total' else 'engagement_score' %}

with

daily as (
    select * from {{ ref('fct_lead_scores_daily') }}
),

ledger as (
    select * from {{ ref('fct_lead_score_events') }}
),

starts as (
    select
        contact_id,
        score_date as mql_date,
        n_mql_starts_to_date as mql_number,
        engagement_score,
        fit_score,
        {{ basis_column }} as day_end_score
    from daily
    where is_mql_start
),

day_rows as (
    select
        starts.contact_id,
        starts.mql_date,
        ledger.contact_event_id,
        ledger.rule_id,
        ledger.occurred_at,
        ledger.points,
        ledger.reason,
        ledger.is_hand_raiser,
        row_number() over (
            partition by starts.contact_id, starts.mql_date
            order by ledger.occurred_at, ledger.contact_event_id, ledger.rule_id
        ) as row_sequence
    from starts
    inner join ledger
        on starts.contact_id = ledger.contact_id
            and starts.mql_date = ledger.event_date
    {%- if settings.mql_basis == 'engagement' %}
        and ledger.score_group = 'engagement'
    {%- endif %}
),

replayed as (
    select
        day_rows.*,
        starts.day_end_score
        - sum(day_rows.points) over (
            partition by day_rows.contact_id, day_rows.mql_date
        ) as opening_score,
        sum(day_rows.points) over (
            partition by day_rows.contact_id, day_rows.mql_date
            order by day_rows.row_sequence
            rows between unbounded preceding and current row
        ) as day_points_so_far
    from day_rows
    inner join starts
        on day_rows.contact_id = starts.contact_id
            and day_rows.mql_date = starts.mql_date
),

running as (
    select
        *,
        opening_score + day_points_so_far as running_score
    from replayed
),

crossings as (
    select
        contact_id,
        mql_date,
        min(row_sequence) as crossing_sequence
    from running
    where running_score >= {{ settings.mql_threshold }}
        or is_hand_raiser
    group by contact_id, mql_date
),

crossing_rows as (
    select running.*
    from running
    inner join crossings
        on running.contact_id = crossings.contact_id
            and running.mql_date = crossings.mql_date
            and running.row_sequence = crossings.crossing_sequence
),

-- The day's rows up to the crossing (all of them when no row crosses: only a score rising
-- without events, i.e. decaying negative points, can cause that).
pushing_events as (
    select
        running.contact_id,
        running.mql_date,
        count(*) as n_pushing_events,
        max(running.opening_score) as opening_score,
        {{ dbt.listagg('running.reason', "'; '", 'order by running.row_sequence') }}
            as pushing_events
    from running
    left join crossings
        on running.contact_id = crossings.contact_id
            and running.mql_date = crossings.mql_date
    where crossings.crossing_sequence is null
        or running.row_sequence <= crossings.crossing_sequence
    group by running.contact_id, running.mql_date
),

final as (
    select
        {{ dbt.hash(dbt.concat([
            "starts.contact_id", "'|'", "cast(starts.mql_date as " ~ dbt.type_string() ~ ")"
        ])) }} as mql_event_id,
        starts.contact_id,
        cast(starts.mql_number as integer) as mql_number,
        starts.mql_number = 1 as is_first_mql,
        starts.mql_date,
        coalesce(
            crossing_rows.occurred_at, cast(starts.mql_date as {{ dbt.type_timestamp() }})
        ) as mql_at,
        case
            when crossing_rows.is_hand_raiser then 'hand_raiser'
            else 'score_threshold'
        end as mql_trigger,
        crossing_rows.contact_event_id as trigger_contact_event_id,
        crossing_rows.rule_id as trigger_rule_id,
        cast({{ clicktrail.round_double(
            'coalesce(crossing_rows.running_score, starts.day_end_score)', 4
        ) }} as {{ clicktrail.type_double() }}) as score_at_mql,
        cast({{ clicktrail.round_double(
            'coalesce(pushing_events.opening_score, starts.day_end_score)', 4
        ) }} as {{ clicktrail.type_double() }}) as day_start_score,
        cast(starts.day_end_score as {{ clicktrail.type_double() }}) as day_end_score,
        cast(starts.engagement_score as {{ clicktrail.type_double() }})
            as day_end_engagement_score,
        cast(starts.fit_score as integer) as day_end_fit_score,
        cast({{ settings.mql_threshold }} as {{ clicktrail.type_double() }}) as mql_threshold,
        '{{ settings.mql_basis }}' as mql_score_basis,
        cast(coalesce(pushing_events.n_pushing_events, 0) as integer) as n_pushing_events,
        pushing_events.pushing_events
    from starts
    left join crossing_rows
        on starts.contact_id = crossing_rows.contact_id
            and starts.mql_date = crossing_rows.mql_date
    left join pushing_events
        on starts.contact_id = pushing_events.contact_id
            and starts.mql_date = pushing_events.mql_date
)

select * from final
