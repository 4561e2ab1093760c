-- One row per CRM contact: firmographics and job attributes, email hashed.
with

parsed as (
    select * from {{ ref('base_crm__contacts_parsed') }}
    where reject_reason is null
        and occurrence_rank = 1
),

final as (
    select
        crm_contact_id,
        {{ clicktrail.hash_email('email') }} as email_sha256,
        {{ dbt.split_part(clicktrail.normalize_email('email'), "'@'", 2) }} as email_domain,
        company_name,
        company_domain,
        company_size,
        industry,
        job_title,
        country_code,
        user_id,
        created_at
    from parsed
)

select * from final
