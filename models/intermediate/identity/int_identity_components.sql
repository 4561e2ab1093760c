-- Connected components of the identity graph by bounded label propagation, with the guard
-- against over-merging: components that are too large or hold several CRM contacts are
-- split back to their strong (ESP/CRM) links, and each anonymous id joins a person only
-- when its direct links lead to exactly one. One row per identifier node.
{%- set passes = var('clicktrail__identity_max_passes') %}
{%- set strong_evidence = ["esp_event", "crm_contact", "crm_user_id"] %}
{%- set strong_evidence_list = "'" ~ strong_evidence | join("', '") ~ "'" %}

with

edges as (
    select * from {{ ref('int_identity_edges') }}
),

crm_contacts as (
    select * from {{ ref('stg_crm__contacts') }}
),

nodes as (
    select node_a as node_id from edges
    union
    select node_b as node_id from edges
    union
    select {{ dbt.concat(["'crm:'", "crm_contact_id"]) }} as node_id from crm_contacts
),

strong_edges as (
    select * from edges
    where evidence in ({{ strong_evidence_list }})
),

{{ clicktrail.label_propagation('edges', 'nodes', passes, 'all') }},

{{ clicktrail.label_propagation('strong_edges', 'nodes', passes, 'strong') }},

typed_nodes as (
    select
        all_labels.node_id,
        {{ dbt.split_part('all_labels.node_id', "':'", 1) }} as identifier_type,
        all_labels.label as component_label,
        all_labels.label != all_labels.previous_label as all_label_changed,
        strong_labels.label as strong_label,
        strong_labels.label != strong_labels.previous_label as strong_label_changed,
    from all_labels
    inner join strong_labels
        on all_labels.node_id = strong_labels.node_id
),

component_stats as (
    select
        component_label,
        count(*) as component_size,
        count(case when identifier_type = 'crm' then 1 end) as n_crm_contacts,
    from typed_nodes
    group by component_label
),

flagged as (
    select
        typed_nodes.*,
        component_stats.component_size,
        component_stats.n_crm_contacts,
        component_stats.component_size > {{ var('clicktrail__identity_max_component_size') }}
        or component_stats.n_crm_contacts
        > {{ var('clicktrail__identity_max_crm_contacts_per_component') }} as is_split,
    from typed_nodes
    inner join component_stats
        on typed_nodes.component_label = component_stats.component_label
),

-- In a split component, an anonymous id keeps only its direct links to known identifiers.
anon_direct_links as (
    select
        flagged.node_id,
        count(distinct neighbours.strong_label) as n_people_linked,
        min(neighbours.strong_label) as linked_strong_label,
    from flagged
    inner join all_directed
        on flagged.node_id = all_directed.node_id
    inner join flagged as neighbours
        on all_directed.neighbour_id = neighbours.node_id
            and neighbours.identifier_type != 'anon'
    where flagged.is_split
        and flagged.identifier_type = 'anon'
    group by flagged.node_id
),

final as (
    select
        flagged.node_id,
        flagged.identifier_type,
        flagged.component_label,
        flagged.component_size,
        flagged.n_crm_contacts,
        flagged.is_split,
        case
            when not flagged.is_split then flagged.component_label
            when flagged.identifier_type != 'anon' then flagged.strong_label
            when anon_direct_links.n_people_linked = 1 then anon_direct_links.linked_strong_label
        end as person_label,
        case
            when not flagged.is_split then 'component'
            when flagged.identifier_type != 'anon' then 'split_strong_links'
            when anon_direct_links.n_people_linked = 1 then 'split_direct_link'
            else 'split_ambiguous'
        end as resolution,
        flagged.all_label_changed or flagged.strong_label_changed as label_changed_in_last_pass,
    from flagged
    left join anon_direct_links
        on flagged.node_id = anon_direct_links.node_id
)

select * from final
