-- Every CRM opportunity row, typed, with a reject_reason and an occurrence rank (the latest
-- row of an opportunity id wins).
with

source_rows as (
    select * from {{ source('crm', 'opportunities') }}
),

typed as (
    select
        nullif(trim(opportunity_id), '') as opportunity_id,
        nullif(trim(contact_id), '') as crm_contact_id,
        {{ clicktrail.parse_timestamp_utc("nullif(trim(created_at), '')") }} as created_at,
        nullif(lower(trim(stage)), '') as stage,  -- noqa: RF04
        {{ clicktrail.try_cast("nullif(trim(amount), '')", dbt.type_numeric()) }} as amount,
        {{ clicktrail.parse_timestamp_utc("nullif(trim(closed_at), '')") }} as closed_at,
        filename,
        {{ dbt.concat([
            "coalesce(opportunity_id, '')", "','", "coalesce(contact_id, '')", "','",
            "coalesce(created_at, '')", "','", "coalesce(stage, '')", "','",
            "coalesce(amount, '')", "','", "coalesce(closed_at, '')",
        ]) }} as raw_payload
    from source_rows
),

checked as (
    select
        *,
        case
            when opportunity_id is null then 'missing_identifier'
            when crm_contact_id is null then 'missing_contact'
            when created_at is null then 'missing_timestamp'
        end as reject_reason
    from typed
),

final as (
    select
        *,
        row_number() over (
            partition by reject_reason is null, coalesce(opportunity_id, raw_payload)
            order by created_at desc nulls last, filename desc, raw_payload asc
        ) as occurrence_rank,
        row_number() over (
            partition by filename, raw_payload order by opportunity_id
        ) as payload_occurrence
    from checked
)

select * from final
