-- One row per web session opened by an email click-through that is itself a touch: the
-- session's landing carries the click's recipient token and starts at or after the click,
-- within the landing window. The click is the touch; the session is merged into it, so a
-- click-through is never counted twice (doc block `touchpoints`).
{%- set landing_s = var('clicktrail__email_landing_window_minutes', 30) * 60 %}
{%- set touch_qualities = ['human'] %}
{%- if var('clicktrail__touchpoints_include_unverified_clicks', false) %}
    {%- do touch_qualities.append('unverified') %}
{%- endif %}

with

engagements as (
    select * from {{ ref('int_email_engagements_classified') }}
),

signals as (
    select * from {{ ref('int_email_engagement_signals') }}
),

sessions as (
    select * from {{ ref('int_sessions') }}
),

touch_clicks as (
    select
        engagements.email_event_id,
        engagements.occurred_at as clicked_at,
        signals.recipient_token
    from engagements
    inner join signals
        on engagements.email_event_id = signals.email_event_id
    where engagements.event_type = 'email_click'
        and engagements.engagement_quality in (
            {%- for quality in touch_qualities %}
                '{{ quality }}'{{ ',' if not loop.last }}
            {%- endfor %}
        )
        and signals.recipient_token is not null
),

token_sessions as (
    select
        session_id,
        landing_recipient_token,
        started_at
    from sessions
    where landing_recipient_token is not null
        and not is_bot
),

-- Every click that could have opened the session; the latest one did.
candidates as (
    select
        token_sessions.session_id,
        token_sessions.started_at as session_started_at,
        touch_clicks.email_event_id,
        touch_clicks.clicked_at,
        touch_clicks.recipient_token,
        row_number() over (
            partition by token_sessions.session_id
            order by touch_clicks.clicked_at desc, touch_clicks.email_event_id desc
        ) as click_rank
    from token_sessions
    inner join touch_clicks
        on token_sessions.landing_recipient_token = touch_clicks.recipient_token
            and token_sessions.started_at >= touch_clicks.clicked_at
            and {{ dbt.datediff(
                'touch_clicks.clicked_at', 'token_sessions.started_at', 'second'
            ) }} <= {{ landing_s }}
),

final as (
    select
        session_id,
        email_event_id,
        recipient_token,
        clicked_at,
        session_started_at,
        {{ dbt.datediff('clicked_at', 'session_started_at', 'second') }}
            as seconds_click_to_session,
        row_number() over (
            partition by email_event_id order by session_started_at, session_id
        ) as session_number_of_click
    from candidates
    where click_rank = 1
)

select * from final
