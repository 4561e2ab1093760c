-- Report: sessions cut by the maximum session length (clicktrail__session_max_length_seconds),
-- usually bots or tabs left open. Nothing is dropped: the parts stay in fct_sessions.
with

sessions as (
    select * from {{ ref('int_sessions') }}
    where is_capped
),

final as (
    select
        session_id,
        visitor_id,
        started_at,
        ended_at,
        n_events,
        is_bot
    from sessions
)

select * from final
