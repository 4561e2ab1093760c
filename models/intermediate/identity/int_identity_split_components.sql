-- Report: identity components the guard split back to their direct links because they were
-- too large or joined several CRM contacts (a shared office computer, a test address, a
-- scanner). One row per split component.
with

components as (
    select * from {{ ref('int_identity_components') }}
    where is_split
),

final as (
    select
        component_label,
        max(component_size) as component_size,
        max(n_crm_contacts) as n_crm_contacts,
        count(case when identifier_type = 'anon' then 1 end) as n_anonymous_ids,
        count(case when resolution = 'split_ambiguous' then 1 end) as n_anonymous_ids_unresolved,
        case
            when max(n_crm_contacts)
                > {{ var('clicktrail__identity_max_crm_contacts_per_component') }}
                then 'several_crm_contacts'
            else 'too_many_identifiers'
        end as split_reason
    from components
    group by component_label
)

select * from final
