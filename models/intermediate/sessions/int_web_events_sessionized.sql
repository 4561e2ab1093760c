{{ config(
    materialized='incremental',
    incremental_strategy=clicktrail.incremental_strategy(),
    unique_key='web_event_id',
    on_schema_change='fail',
) }}

-- Every web event with its session (doc block `session`). A session is a run of one visitor's
-- events with no gap longer than clicktrail__session_timeout_seconds; optional splits at an
-- email click-through, a campaign change or local midnight; or the source's own session id
-- when trusted. Sessions longer than clicktrail__session_max_length_seconds are cut into
-- parts. Events are ordered by (occurred_at, web_event_id), so reruns give the same ids.
-- It carries the event columns that sessions, page views, conversions and contact events
-- read (`event_columns` below); the rest of an event's detail (user agent, raw properties,
-- form and video fields, file name, ...) stays in int_web_events_enriched, one join on
-- web_event_id away: carrying all 68 columns made this the largest table of the warehouse
-- and the wide side of the join-back below (D-024).
-- Gaps and lengths are compared in microseconds: 1800.4 s is longer than 1800 s.
-- The window functions run on a narrow projection (ids, time, token, source id) and the
-- session columns are joined back to the wide event rows once: sorting wide rows made this
-- the slowest model of the build (319 s of a 721 s build at 10M events). Columns that follow
-- from the event row (visitor id, partition key, non-direct flag, elapsed time, session id)
-- are computed after that join, not carried through it: a smaller build side keeps the
-- hash join in memory (at 10M events 59 s and 0.1 GB spill instead of 95 s and 6.4 GB; at
-- 50M the wide probe side's spill filled the disk, D-023).
-- Incremental (DECISIONLOG D-013, D-019): for each visitor with an event written upstream
-- since the last run, a run re-sessionises the events from the start of the last built
-- session that begins before the visitor's earliest changed event (every event before that
-- start keeps its session whatever comes later); the window state of that first event
-- (running counts, previous event, last token and campaign) is read from its built row, so
-- the rewritten rows equal a full refresh, including a late event that joins or splits
-- sessions. With trusted source session ids the visitor's whole history is re-sessionised.
-- Events never disappear, so web_event_id is a safe unique key. `_sessionized_at` stamps
-- the rows (re)written by a run, for incremental models downstream.
{%- set timeout_us = var('clicktrail__session_timeout_seconds') * 1000000 %}
{%- set max_us = var('clicktrail__session_max_length_seconds') * 1000000 %}
{%- set trust_source = var('clicktrail__session_trust_source_session_id') %}
{%- set time_zone = var('clicktrail__session_timezone') %}
{#- `{e}` is the event table's qualifier ('' in the window chain, 'enriched_events.' in final). -#}
{%- set visitor_id_of = 'coalesce(' ~ dbt.concat(["{e}source_system", "':'", "{e}anonymous_id"])
    ~ ', ' ~ dbt.concat(["{e}source_system", "':user:'", "{e}user_id"]) ~ ')' %}
{%- set visitor_id_expr = visitor_id_of.replace('{e}', '') %}
{%- set final_visitor_id = visitor_id_of.replace('{e}', 'enriched_events.') %}
{%- set non_direct_of = "{e}traffic_medium != '(none)' or {e}traffic_source != '(direct)'" %}
{%- set partial = is_incremental() and not trust_source %}
{%- set split_on_campaign = var('clicktrail__session_split_on_campaign_change') %}
{#- The event columns written, in int_web_events_enriched's order. To carry another one into
    sessions or marts, add it here and document it in the YAML. -#}
{%- set event_columns = [
    'web_event_id', 'source_system', 'event_type', 'occurred_at', 'event_date', 'anonymous_id',
    'user_id', 'source_session_id', 'page_title', 'device_category', 'browser', 'scroll_percent',
    'form_type', 'engagement_time_msec', '_loaded_at', 'is_bot',
    'page_host', 'page_path', 'page_url_clean', 'page_recipient_token', 'click_id',
    'click_id_type', 'referrer_host', 'traffic_source', 'traffic_medium', 'traffic_campaign',
    'channel_group',
] %}

with

-- Read once more by `final`: the session columns join back to these wide rows. A second
-- read of the table, not a reuse of `web_events`, which the engine would have to
-- materialise whole (at 10M events that copy cost 48 s of a 112 s model).
enriched_events as (
    select * from {{ ref('int_web_events_enriched') }}
),

{%- if partial %}
changed as (
    select
        web_event_id,
        occurred_at,
        {{ visitor_id_expr }} as visitor_id
    from {{ ref('int_web_events_enriched') }}
    where {{ clicktrail.changed_since_last_run() }}
),

built as (
    select
        web_event_id,
        visitor_id,
        occurred_at,
        page_recipient_token,
        is_session_start,
        base_session_index,
        recipient_token_group,
        latest_recipient_token,
        previous_occurred_at,
        previous_recipient_token,
        previous_source_session_id
        {%- if split_on_campaign %},
        previous_non_direct_traffic_key
        {%- endif %}
    from {{ this }}
    where visitor_id in (select changed.visitor_id from changed)
),

-- Where a visitor's history changes: the earliest changed event, at its new time and, if it
-- was built before, its old one.
change_points as (
    select
        changed.visitor_id,
        min(
            case
                when built.occurred_at < changed.occurred_at then built.occurred_at
                else changed.occurred_at
            end
        ) as changed_from
    from changed
    left join built
        on changed.web_event_id = built.web_event_id
    group by changed.visitor_id
),

-- The built session holding the last event before the change point: events before its
-- start are final. A visitor without one is re-sessionised from their first event.
anchors as (
    select
        built.visitor_id,
        max(built.base_session_index) as anchor_session_index
    from built
    inner join change_points
        on built.visitor_id = change_points.visitor_id
    where built.occurred_at < change_points.changed_from
    group by built.visitor_id
),

-- The first event of that session, with the window state the full history gives it.
slice_starts as (
    select built.*
    from built
    inner join anchors
        on built.visitor_id = anchors.visitor_id
            and built.base_session_index = anchors.anchor_session_index
    where built.is_session_start
),
{%- endif %}

web_events as (
    select * from {{ ref('int_web_events_enriched') }}
    {%- if partial %}
    where {{ visitor_id_expr }} in (select changed.visitor_id from changed)
    {%- elif is_incremental() %}
    where {{ visitor_id_expr }} in (
        select {{ visitor_id_expr }} from {{ ref('int_web_events_enriched') }}
        where {{ clicktrail.changed_since_last_run() }}
    )
    {%- endif %}
),

visitors as (
    select
        web_events.*,
        {{ visitor_id_expr }} as visitor_id,
        {{ non_direct_of.replace('{e}', 'web_events.') }} as has_non_direct_source
    from web_events
    {%- if partial %}
    left join slice_starts
        on {{ visitor_id_expr }} = slice_starts.visitor_id
    where slice_starts.visitor_id is null
        or web_events.occurred_at > slice_starts.occurred_at
        or (
            web_events.occurred_at = slice_starts.occurred_at
            and web_events.web_event_id >= slice_starts.web_event_id
        )
    {%- endif %}
),

-- The events sessionised together: a visitor's, or, when the source's session id is
-- trusted, a visitor's events carrying one source session id (so two interleaved source
-- sessions stay two sessions); events without a source id follow the rules.
partitioned as (
    select
        *,
        {% if trust_source -%}
        {{ dbt.concat(["visitor_id", "'|'", "coalesce(source_session_id, '')"]) }}
        {%- else -%}
            visitor_id
        {%- endif %} as session_partition_key
    from visitors
),

narrow as (
    select
        web_event_id,
        visitor_id,
        session_partition_key,
        occurred_at,
        page_recipient_token,
        source_session_id,
        has_non_direct_source,
        traffic_key
    from partitioned
),
{%- if partial %}

-- The window state before each visitor's first re-sessionised event (none: a visitor
-- re-sessionised from their first event).
carried as (
    select
        narrow_events.*,
        coalesce(
            slice_starts.recipient_token_group
            - case when slice_starts.page_recipient_token is not null then 1 else 0 end,
            0
        ) as carried_token_count,
        coalesce(slice_starts.base_session_index - 1, 0) as carried_session_count,
        slice_starts.latest_recipient_token as carried_latest_recipient_token,
        slice_starts.previous_occurred_at as carried_previous_occurred_at,
        slice_starts.previous_recipient_token as carried_previous_recipient_token,
        slice_starts.previous_source_session_id as carried_previous_source_session_id,
        {%- if split_on_campaign %}
        slice_starts.previous_non_direct_traffic_key as carried_previous_non_direct_traffic_key,
        {%- endif %}
        coalesce(narrow_events.web_event_id = slice_starts.web_event_id, false)
            as is_slice_first
    from narrow as narrow_events
    left join slice_starts
        on narrow_events.visitor_id = slice_starts.visitor_id
),
{%- endif %}

-- Recipient tokens are remembered across events without one: a page without a token
-- between two pages with the same token does not make a new click-through.
token_groups as (
    select
        *,
        {% if partial %}carried_token_count + {% endif %}count(page_recipient_token) over (
            partition by session_partition_key order by occurred_at, web_event_id
            rows between unbounded preceding and current row
        ) as recipient_token_group
    from {{ 'carried' if partial else 'narrow' }}
),

latest_tokens as (
    select
        *,
        {% if partial %}coalesce({% endif %}first_value(page_recipient_token) over (
            partition by session_partition_key, recipient_token_group
            order by occurred_at, web_event_id
            rows between unbounded preceding and unbounded following
        ){% if partial %}, carried_latest_recipient_token){% endif %} as latest_recipient_token
    from token_groups
),

ordered as (
    select
        *,
        {% if partial %}case when is_slice_first then carried_previous_occurred_at else {% endif -%}
        lag(occurred_at) over (
            partition by session_partition_key order by occurred_at, web_event_id
        ){% if partial %} end{% endif %} as previous_occurred_at,
        {% if partial %}case when is_slice_first then carried_previous_recipient_token else {% endif -%}
        lag(latest_recipient_token) over (
            partition by session_partition_key order by occurred_at, web_event_id
        ){% if partial %} end{% endif %} as previous_recipient_token,
        {% if partial %}case when is_slice_first then carried_previous_source_session_id else {% endif -%}
        lag(source_session_id) over (
            partition by visitor_id order by occurred_at, web_event_id
        ){% if partial %} end{% endif %} as previous_source_session_id
    {%- if split_on_campaign %},
        {% if partial %}coalesce({% endif -%}
        {{ clicktrail.last_non_null('case when has_non_direct_source then traffic_key end') }}
        over (
            partition by session_partition_key order by occurred_at, web_event_id
            rows between unbounded preceding and 1 preceding
        ){% if partial %}, carried_previous_non_direct_traffic_key){% endif %}
            as previous_non_direct_traffic_key
        {%- endif %}
    from latest_tokens
),

boundaries as (
    select
        *,
        case
            when previous_occurred_at is null then true
            {%- if trust_source %}
            -- Trusted: the source's id alone decides (its first event starts the session).
            when source_session_id is not null then false
        {%- endif %}
            when {{ dbt.datediff('previous_occurred_at', 'occurred_at', 'microsecond') }}
                > {{ timeout_us }} then true
            {%- if var('clicktrail__session_split_on_email_click') %}
                when page_recipient_token is not null
                    and page_recipient_token != coalesce(previous_recipient_token, '') then true
            {%- endif %}
            {%- if split_on_campaign %}
            when has_non_direct_source
                and traffic_key != coalesce(previous_non_direct_traffic_key, '') then true
        {%- endif %}
            {%- if var('clicktrail__session_split_at_midnight') %}
            when {{ clicktrail.to_local_date('occurred_at', time_zone) }}
                != {{ clicktrail.to_local_date('previous_occurred_at', time_zone) }}
                then true
        {%- endif %}
            else false
        end as is_session_start
    from ordered
),

numbered as (
    select
        *,
        {% if partial %}carried_session_count + {% endif %}cast(
            sum(case when is_session_start then 1 else 0 end) over (
                partition by session_partition_key order by occurred_at, web_event_id
                rows between unbounded preceding and current row
            ) as {{ dbt.type_bigint() }}
        ) as base_session_index
    from boundaries
),

with_base_start as (
    select
        *,
        min(occurred_at) over (
            partition by session_partition_key, base_session_index
        ) as base_session_started_at
    from numbered
),

elapsed as (
    select
        *,
        {{ dbt.datediff('base_session_started_at', 'occurred_at', 'microsecond') }}
            as elapsed_in_base_session_us
    from with_base_start
),

-- The cap: a run longer than the maximum length continues as a new part. Part k holds the
-- events more than k and at most k + 1 maximum lengths after the run's first event, so a
-- run of exactly the maximum length stays whole.
capped as (
    select
        *,
        case
            when elapsed_in_base_session_us <= {{ max_us }} then 0
            else cast(
                    floor((elapsed_in_base_session_us - 1) / {{ max_us }})
                    as {{ dbt.type_int() }}
                )
        end as session_part
    from elapsed
),

first_events as (
    select
        *,
        first_value(web_event_id) over (
            partition by session_partition_key, base_session_index, session_part
            order by occurred_at, web_event_id
            rows between unbounded preceding and unbounded following
        ) as first_web_event_id
    from capped
),

sessionised as (
    select
        *,
        {{ dbt.hash(dbt.concat(["visitor_id", "'|'", "first_web_event_id"])) }} as session_id,
        max(session_part) over (
            partition by session_partition_key, base_session_index
        ) > 0 as is_capped_session,
        row_number() over (
            partition by session_partition_key, base_session_index, session_part
            order by occurred_at, web_event_id
        ) as event_index_in_session
    from first_events
),

final as (
    select
        {%- for column in event_columns %}
            enriched_events.{{ column }},
        {%- endfor %}
        {{ final_visitor_id }} as visitor_id,
        {{ non_direct_of.replace('{e}', 'enriched_events.') }} as has_non_direct_source,
        {% if trust_source -%}
        {{ dbt.concat([final_visitor_id, "'|'", "coalesce(enriched_events.source_session_id, '')"]) }}
        {%- else -%}
            {{ final_visitor_id }}
        {%- endif %} as session_partition_key,
        sessionised.recipient_token_group,
        sessionised.latest_recipient_token,
        sessionised.previous_occurred_at,
        sessionised.previous_recipient_token,
        sessionised.previous_source_session_id,
        {%- if split_on_campaign %}
        sessionised.previous_non_direct_traffic_key,
        {%- endif %}
        sessionised.is_session_start,
        sessionised.base_session_index,
        sessionised.base_session_started_at,
        {{ dbt.datediff('sessionised.base_session_started_at', 'enriched_events.occurred_at', 'microsecond') }}
            as elapsed_in_base_session_us,
        sessionised.session_part,
        sessionised.first_web_event_id,
        {{ dbt.hash(dbt.concat([final_visitor_id, "'|'", "sessionised.first_web_event_id"])) }}
            as session_id,
        sessionised.is_capped_session,
        sessionised.event_index_in_session,
        {{ clicktrail.loaded_at() }} as _sessionized_at
    from enriched_events
    inner join sessionised
        on enriched_events.web_event_id = sessionised.web_event_id
)

select * from final
