{{ config(
    materialized='incremental',
    incremental_strategy=clicktrail.incremental_strategy(),
    unique_key='node_id',
    on_schema_change='fail',
) }}

-- Bookkeeping for incremental models (DECISIONLOG D-014): one row per identifier ever
-- resolved, with the contact it resolves to now and `_loaded_at`, the run in which that
-- last changed. Event models that carry a contact re-read the events of identifiers
-- stamped after their own last run: a cookie identified today re-attributes its history
-- without a full refresh. An identifier that leaves the graph (its only edge came from a
-- click now classified as a bot) stays here with no contact.
with

current_identifiers as (
    select
        node_id,
        identifier_type,
        identifier_value,
        contact_id
    from {{ ref('int_contact_identifiers') }}
),
{%- if is_incremental() %}

previous_identifiers as (
    select
        node_id,
        identifier_type,
        identifier_value,
        contact_id
    from {{ this }}
),
{%- endif %}

changed as (
    {%- if is_incremental() %}
    select
        coalesce(current_identifiers.node_id, previous_identifiers.node_id) as node_id,
        coalesce(current_identifiers.identifier_type, previous_identifiers.identifier_type)
            as identifier_type,
        coalesce(current_identifiers.identifier_value, previous_identifiers.identifier_value)
            as identifier_value,
        current_identifiers.contact_id
    from current_identifiers
    full outer join previous_identifiers
        on current_identifiers.node_id = previous_identifiers.node_id
    where previous_identifiers.node_id is null
        or coalesce(current_identifiers.contact_id, '') != coalesce(previous_identifiers.contact_id, '')
    {%- else %}
        select * from current_identifiers
    {%- endif %}
),

final as (
    select
        node_id,
        identifier_type,
        identifier_value,
        contact_id,
        {{ clicktrail.loaded_at() }} as _loaded_at
    from changed
)

select * from final
