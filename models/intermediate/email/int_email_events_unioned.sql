{{ config(
    materialized='incremental',
    incremental_strategy=clicktrail.incremental_strategy(),
    unique_key='email_event_id',
    on_schema_change='fail',
) }}

-- Every deduplicated ESP event from every ESP in one shape, with its campaign's attributes.
-- Incremental (DECISIONLOG D-015): a run writes the events loaded since its last run and
-- every event of a campaign whose row in the campaign catalogue (a snapshot, read in full)
-- changed, found by the catalogue row's fingerprint kept on each event.
{%- set fingerprint = dbt.hash(dbt.concat([
    "coalesce(campaigns.campaign_name, '')", "'|'", "coalesce(campaigns.utm_campaign, '')",
    "'|'", "coalesce(" ~ dbt.cast("campaigns.link_count", dbt.type_string()) ~ ", '')",
])) %}
{#- Campaigns whose catalogue row is new, gone or different from the one the held events
    saw; rendered as a list of ids when the model runs (values_in), so the filter of
    `changed` reaches the staged views' tables instead of running after their projection
    (which computed every staged column of every held event: 0.8 s of a 10M nightly). -#}
{%- set changed_campaigns -%}
    select distinct built.campaign_id
    from {{ this }} as built
    left join {{ ref('stg_esp__campaigns') }} as campaigns
        on built.campaign_id = campaigns.campaign_id
    where built.campaign_id is not null
        and coalesce(built.campaign_catalogue_fingerprint, '')
        != coalesce(case when campaigns.campaign_id is not null then {{ fingerprint }} end, '')
{%- endset %}
with

campaigns as (
    select * from {{ ref('stg_esp__campaigns') }}
),

sendgrid_events as (
    select * from {{ ref('stg_sendgrid__events') }}
),

generic_esp_events as (
    select * from {{ ref('stg_esp__events') }}
),

unioned as (
    select * from sendgrid_events
    union all
    select * from generic_esp_events
),

changed as (
    select * from unioned
    {%- if is_incremental() %}
    where {{ clicktrail.changed_since_last_run() }}
        or {{ clicktrail.values_in('campaign_id', changed_campaigns) }}
    {%- endif %}
),

final as (
    select
        changed.email_event_id,
        changed.source_system,
        changed.source_event_id,
        changed.source_event_type,
        changed.event_type,
        changed.occurred_at,
        changed.event_date,
        changed.esp_contact_id,
        changed.email_sha256,
        changed.email_domain,
        changed.campaign_id,
        coalesce(campaigns.campaign_name, changed.campaign_name) as campaign_name,
        campaigns.utm_campaign,
        campaigns.link_count as campaign_link_count,
        changed.message_id,
        -- A message is one recipient x send; ESPs without a message id fall back to
        -- contact x campaign.
        coalesce(
            changed.message_id,
            {{ dbt.concat([
                "coalesce(changed.esp_contact_id, changed.email_sha256)", "'|'",
                "coalesce(changed.campaign_id, '')",
            ]) }}
        ) as message_key,
        changed.url,
        changed.url_offset_index,
        changed.user_agent,
        changed.ip_truncated,
        changed.bounce_type,
        changed.bounce_reason,
        changed.is_esp_machine_open,
        changed.categories,
        case when campaigns.campaign_id is not null then {{ fingerprint }} end
            as campaign_catalogue_fingerprint,
        {{ clicktrail.loaded_at() }} as _loaded_at
    from changed
    left join campaigns
        on changed.campaign_id = campaigns.campaign_id
)

select * from final
