-- One row per CRM opportunity (sales outcome) with its stage and amount.
with

parsed as (
    select * from {{ ref('base_crm__opportunities_parsed') }}
    where reject_reason is null
        and occurrence_rank = 1
),

final as (
    select
        opportunity_id,
        crm_contact_id,
        created_at,
        stage,
        amount,
        closed_at,
        stage = 'won' as is_won
    from parsed
)

select * from final
