-- One row per identifier with the contact it resolves to. A person's contact_id is chosen
-- deterministically from the identifiers of its group: the CRM id when there is one, else
-- `esp:<id>`, `user:<id>` or `email:<sha256 prefix>`. Anonymous ids that never met a known
-- identifier resolve to no contact.
with

components as (
    select * from {{ ref('int_identity_components') }}
),

parsed as (
    select
        *,
        {{ dbt.split_part('node_id', "':'", 1) }} as node_prefix,
        {{ dbt.right('node_id', dbt.length('node_id') ~ ' - ' ~ dbt.position("':'", 'node_id')) }}
            as node_value
    from components
),

person_ids as (
    select
        person_label,
        coalesce(
            min(case when identifier_type = 'crm' then node_value end),
            {{ dbt.concat(["'esp:'", "min(case when identifier_type = 'esp' then node_value end)"]) }},
            {{ dbt.concat(["'user:'", "min(case when identifier_type = 'user' then node_value end)"]) }},
            {{ dbt.concat(["'email:'", "left(min(case when identifier_type = 'email' then node_value end), 16)"]) }}
        ) as contact_id,
        count(*) as n_identifiers
    from parsed
    where person_label is not null
    group by person_label
),

final as (
    select
        parsed.node_id,
        case parsed.identifier_type
            when 'crm' then 'crm_contact_id'
            when 'esp' then 'esp_contact_id'
            when 'email' then 'email_sha256'
            when 'user' then 'user_id'
            when 'anon' then 'web_anonymous_id'
        end as identifier_type,
        parsed.node_value as identifier_value,
        person_ids.contact_id,
        parsed.resolution,
        parsed.is_split as is_in_split_component,
        parsed.component_size,
        person_ids.n_identifiers as n_identifiers_of_contact
    from parsed
    left join person_ids
        on parsed.person_label = person_ids.person_label
)

select * from final
