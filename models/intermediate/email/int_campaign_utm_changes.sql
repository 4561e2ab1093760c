{{ config(
    materialized='incremental',
    incremental_strategy=clicktrail.incremental_strategy(),
    unique_key='utm_campaign',
    on_schema_change='fail',
) }}

-- Bookkeeping for incremental models (DECISIONLOG D-018): one row per utm_campaign value the
-- campaign catalogue has ever carried, with a fingerprint of the campaigns it maps to now and
-- `_loaded_at`, the run in which that last changed. The catalogue is a snapshot read in full;
-- web events tagged utm_medium=email take their campaign from it, so fct_contact_events
-- rewrites the events of utm_campaign values stamped after its own last run instead of every
-- email-tagged event each night. A value that leaves the catalogue stays here with no
-- fingerprint.
with

campaigns as (
    select * from {{ ref('stg_esp__campaigns') }}
    where utm_campaign is not null
),

current_mappings as (
    select
        utm_campaign,
        {{ dbt.hash(dbt.listagg(
            dbt.concat(["campaign_id", "'|'", "coalesce(campaign_name, '')"]),
            "';'",
            "order by campaign_id",
        )) }} as mapping_fingerprint
    from campaigns
    group by utm_campaign
),
{%- if is_incremental() %}

previous_mappings as (
    select
        utm_campaign,
        mapping_fingerprint
    from {{ this }}
),
{%- endif %}

changed as (
    {%- if is_incremental() %}
    select
        coalesce(current_mappings.utm_campaign, previous_mappings.utm_campaign) as utm_campaign,
        current_mappings.mapping_fingerprint
    from current_mappings
    full outer join previous_mappings
        on current_mappings.utm_campaign = previous_mappings.utm_campaign
    where previous_mappings.utm_campaign is null
        or coalesce(current_mappings.mapping_fingerprint, '')
        != coalesce(previous_mappings.mapping_fingerprint, '')
    {%- else %}
        select * from current_mappings
    {%- endif %}
),

final as (
    select
        utm_campaign,
        mapping_fingerprint,
        {{ clicktrail.loaded_at() }} as _loaded_at
    from changed
)

select * from final
