-- Every CRM contact row, typed, with a reject_reason and an occurrence rank (the latest
-- row of a contact id wins). The raw address is only hashed downstream of this model.
with

source_rows as (
    select * from {{ source('crm', 'contacts') }}
),

typed as (
    select
        nullif(trim(contact_id), '') as crm_contact_id,
        nullif(trim(email), '') as email,
        nullif(trim(company_name), '') as company_name,
        nullif(lower(trim(company_domain)), '') as company_domain,
        {{ clicktrail.try_cast("nullif(trim(company_size), '')", dbt.type_int()) }} as company_size,
        nullif(trim(industry), '') as industry,
        nullif(trim(job_title), '') as job_title,
        nullif(upper(trim(country)), '') as country_code,
        nullif(trim(user_id), '') as user_id,
        {{ clicktrail.parse_timestamp_utc("nullif(trim(created_at), '')") }} as created_at,
        filename,
        {{ dbt.concat([
            "coalesce(contact_id, '')", "','", "coalesce(email, '')", "','",
            "coalesce(company_name, '')", "','", "coalesce(company_domain, '')", "','",
            "coalesce(company_size, '')", "','", "coalesce(industry, '')", "','",
            "coalesce(job_title, '')", "','", "coalesce(country, '')", "','",
            "coalesce(user_id, '')", "','", "coalesce(created_at, '')",
        ]) }} as raw_payload
    from source_rows
),

checked as (
    select
        *,
        case
            when crm_contact_id is null then 'missing_identifier'
        end as reject_reason
    from typed
),

final as (
    select
        *,
        row_number() over (
            partition by reject_reason is null, coalesce(crm_contact_id, raw_payload)
            order by created_at desc nulls last, filename desc, raw_payload asc
        ) as occurrence_rank,
        row_number() over (
            partition by filename, raw_payload order by crm_contact_id
        ) as payload_occurrence
    from checked
)

select * from final
