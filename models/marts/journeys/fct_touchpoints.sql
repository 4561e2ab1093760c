{{ config(
    materialized=clicktrail.replace_by_key_materialization(),
    incremental_strategy='delete+insert',
    unique_key='contact_id',
    on_schema_change='fail',
    post_hook=[
        "{{ clicktrail.delete_rows_not_rewritten(ref('dim_contacts'), 'contact_id') }}",
        "{{ clicktrail.delete_rows_not_rewritten(ref('fct_sessions'), 'session_id') }}",
        "{{ clicktrail.delete_orphan_rows(ref('dim_contacts'), 'contact_id') }}",
        "{{ clicktrail.delete_orphan_rows(ref('fct_sessions'), 'session_id') }}",
    ],
) }}

-- depends_on: {{ ref('dim_contacts') }}
-- One row per marketing touch of a contact: human email clicks, the traffic source of web
-- sessions (non-direct by default) and optionally human email opens. A session opened by a
-- click that is a touch is merged into the click (doc block `touchpoints`).
-- Incremental (DECISIONLOG D-034): touches are numbered per contact, so a run rewrites
-- every touch of each affected contact: the contacts dim_contacts rewrote since this
-- model's last run (an event of theirs was written, or their identifier set changed: every
-- email event, session and conversion of a contact is one of its events), the contacts of
-- touches built on a session that fct_sessions rewrote or no longer holds, and the contacts
-- of clicks that opened a rewritten session. delete+insert replaces the rows of the
-- contacts that still have a touch; post-hooks delete the older rows of a contact
-- dim_contacts rewrote or of a session fct_sessions rewrote that this run did not write
-- again (a contact whose only touch became a bot session has none left), and rows of
-- contacts and sessions that no longer exist. Where the adapter has no delete+insert the
-- model is a table.
{%- set include_direct = var('clicktrail__touchpoints_include_direct', false) %}
{%- set include_opens = var('clicktrail__touchpoints_include_opens', false) %}
{%- set click_qualities = ['human'] %}
{%- if var('clicktrail__touchpoints_include_unverified_clicks', false) %}
    {%- do click_qualities.append('unverified') %}
{%- endif %}

with

click_sessions as (
    select * from {{ ref('int_email_click_sessions_matched') }}
),
{%- if is_incremental() %}

rewritten_sessions as (
    select rewritten.session_id from {{ ref('fct_sessions') }} as rewritten
    where {{ clicktrail.changed_since_last_run('rewritten._loaded_at') }}
),

affected_contacts as (
    select rewritten.contact_id from {{ ref('dim_contacts') }} as rewritten
    where {{ clicktrail.changed_since_last_run('rewritten._loaded_at') }}

    union

    select built.contact_id from {{ this }} as built
    where built.session_id in (select rewritten_sessions.session_id from rewritten_sessions)
        or built.session_id not in (
            select current_sessions.session_id from {{ ref('fct_sessions') }} as current_sessions
        )

    union

    select clicks.contact_id from {{ ref('fct_email_events') }} as clicks
    inner join click_sessions
        on clicks.email_event_id = click_sessions.email_event_id
    where click_sessions.session_id in (
        select rewritten_sessions.session_id from rewritten_sessions
    )
),
{%- endif %}

-- A click without a contact takes the contact of the session it opened: kept until then.
email_events as (
    select * from {{ ref('fct_email_events') }}
    {%- if is_incremental() %}
    where contact_id is null
        or contact_id in (select affected_contacts.contact_id from affected_contacts)
    {%- endif %}
),

sessions as (
    select * from {{ ref('fct_sessions') }}
    {%- if is_incremental() %}
    where contact_id in (select affected_contacts.contact_id from affected_contacts)
    {%- endif %}
),

campaigns as (
    select * from {{ ref('stg_esp__campaigns') }}
),

email_touches as (
    select * from email_events
    where (
        event_type = 'email_click'
        and engagement_quality in (
            {%- for quality in click_qualities %}
                '{{ quality }}'{{ ',' if not loop.last }}
            {%- endfor %}
        )
    )
    {%- if include_opens %}
    or (event_type = 'email_open' and engagement_quality = 'human')
    {%- endif %}
),

-- The first session a click opened gives the click its session, source and medium (the
-- session of any contact: a click without a contact takes the session's).
click_first_sessions as (
    select
        click_sessions.email_event_id,
        opened.session_id,
        opened.contact_id,
        opened.traffic_source,
        opened.traffic_medium
    from click_sessions
    inner join {{ ref('fct_sessions') }} as opened
        on click_sessions.session_id = opened.session_id
    where click_sessions.session_number_of_click = 1
),

email_rows as (
    select
        {{ dbt.concat([
            "case when email_touches.event_type = 'email_click'"
            ~ " then 'email_click:' else 'email_open:' end",
            "email_touches.email_event_id",
        ]) }} as touchpoint_id,
        coalesce(email_touches.contact_id, click_first_sessions.contact_id) as contact_id,
        email_touches.occurred_at as touched_at,
        case
            when email_touches.event_type = 'email_click' then 'email_click'
            else 'email_open'
        end as touch_type,
        'Email' as channel,
        coalesce(click_first_sessions.traffic_source, email_touches.source_system)
            as source,  -- noqa: RF04
        coalesce(click_first_sessions.traffic_medium, 'email') as medium,
        email_touches.campaign_name as campaign,
        email_touches.campaign_id,
        click_first_sessions.session_id,
        email_touches.email_event_id,
        false as is_direct,
        click_first_sessions.session_id is not null as has_merged_session
    from email_touches
    left join click_first_sessions
        on email_touches.email_event_id = click_first_sessions.email_event_id
),

utm_campaigns as (
    select
        utm_campaign,
        min(campaign_id) as campaign_id
    from campaigns
    where utm_campaign is not null
    group by utm_campaign
),

session_rows as (
    select
        {{ dbt.concat(["'session:'", "sessions.session_id"]) }} as touchpoint_id,
        sessions.contact_id,
        sessions.started_at as touched_at,
        'session' as touch_type,
        coalesce(sessions.channel_group, 'Unassigned') as channel,
        sessions.traffic_source as source,  -- noqa: RF04
        sessions.traffic_medium as medium,
        coalesce(campaigns.campaign_name, sessions.traffic_campaign) as campaign,
        campaigns.campaign_id,
        sessions.session_id,
        cast(null as {{ dbt.type_string() }}) as email_event_id,
        coalesce(sessions.channel_group = 'Direct', false) as is_direct,
        false as has_merged_session
    from sessions
    left join click_sessions
        on sessions.session_id = click_sessions.session_id
    left join utm_campaigns
        on lower(sessions.traffic_medium) = 'email'
            and sessions.traffic_campaign = utm_campaigns.utm_campaign
    left join campaigns
        on coalesce(sessions.email_campaign_id, utm_campaigns.campaign_id)
            = campaigns.campaign_id
    where not sessions.is_bot
        and click_sessions.session_id is null
        {%- if not include_direct %}
            and coalesce(sessions.channel_group, '') != 'Direct'
        {%- endif %}
),

unioned as (
    select * from email_rows
    union all
    select * from session_rows
),

final as (
    select
        touchpoint_id,
        contact_id,
        touched_at,
        touch_type,
        channel,
        source,
        medium,
        campaign,
        campaign_id,
        session_id,
        email_event_id,
        is_direct,
        has_merged_session,
        row_number() over (
            partition by contact_id order by touched_at, touchpoint_id
        ) as contact_touch_number,
        {{ clicktrail.loaded_at() }} as _loaded_at
    from unioned
    where contact_id is not null
    {%- if is_incremental() %}
        and contact_id in (select affected_contacts.contact_id from affected_contacts)
    {%- endif %}
)

select * from final
