-- Every campaign row, typed, with a reject_reason and an occurrence rank (the latest
-- definition of a campaign id wins). No row is dropped here.
with

source_rows as (
    select * from {{ source('esp', 'campaigns') }}
),

typed as (
    select
        nullif(trim(campaign_id), '') as campaign_id,
        nullif(trim(campaign_name), '') as campaign_name,
        nullif(lower(trim(esp)), '') as esp,
        nullif(trim(subject), '') as subject,
        {{ clicktrail.parse_timestamp_utc("nullif(trim(sent_at), '')") }} as sent_at,
        nullif(trim(list_name), '') as list_name,
        nullif(trim(utm_campaign), '') as utm_campaign,
        {{ clicktrail.try_cast("nullif(trim(link_count), '')", dbt.type_int()) }} as link_count,
        filename,
        {{ dbt.concat([
            "coalesce(campaign_id, '')", "','", "coalesce(campaign_name, '')", "','",
            "coalesce(esp, '')", "','", "coalesce(subject, '')", "','",
            "coalesce(sent_at, '')", "','", "coalesce(list_name, '')", "','",
            "coalesce(utm_campaign, '')", "','", "coalesce(link_count, '')",
        ]) }} as raw_payload
    from source_rows
),

checked as (
    select
        *,
        case
            when campaign_id is null then 'missing_identifier'
        end as reject_reason
    from typed
),

final as (
    select
        *,
        row_number() over (
            partition by reject_reason is null, coalesce(campaign_id, raw_payload)
            order by sent_at desc nulls last, filename desc, raw_payload asc
        ) as occurrence_rank,
        row_number() over (
            partition by filename, raw_payload order by campaign_id
        ) as payload_occurrence
    from checked
)

select * from final
