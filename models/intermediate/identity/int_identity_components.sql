{{ config(
    materialized=clicktrail.replace_by_key_materialization(),
    incremental_strategy='delete+insert',
    unique_key='node_id',
    on_schema_change='fail',
    post_hook=["{{ clicktrail.delete_absent_identity_nodes() }}"],
) }}

-- The two branches of the node and edge scope are CTEs at the top level, not an indented block.
-- sqlfluff:indentation:template_blocks_indent:False
-- Connected components of the identity graph by bounded label propagation, with the guard
-- against over-merging: components that are too large or hold several CRM contacts are
-- split back to their strong (ESP/CRM) links, and each anonymous id joins a person only
-- when its direct links lead to exactly one. One row per identifier node.
-- Incremental (DECISIONLOG D-021): each node keeps a fingerprint of its links (neighbour and
-- evidence). A run recomputes only the components built last time that hold a node whose
-- links changed (or that appeared or left the graph), together with the new nodes: every
-- value of a row (labels, size, split, resolution) depends on its component alone, and a
-- component with no changed node cannot have gained or lost an edge. A post-hook deletes the
-- nodes that left the graph. Where the adapter has no delete+insert the model is a table.
{%- set passes = var('clicktrail__identity_max_passes') %}
{%- set strong_evidence = ["esp_event", "crm_contact", "crm_user_id"] %}
{%- set strong_evidence_list = "'" ~ strong_evidence | join("', '") ~ "'" %}

with

all_edges as (
    select
        node_a,
        node_b,
        evidence
    from {{ ref('int_identity_edges') }}
),

crm_contacts as (
    select * from {{ ref('stg_crm__contacts') }}
),

all_nodes as (
    select node_a as node_id from all_edges
    union
    select node_b as node_id from all_edges
    union
    select {{ dbt.concat(["'crm:'", "crm_contact_id"]) }} as node_id from crm_contacts
),

-- Each node's links, neighbour and evidence, sorted and hashed: equal fingerprints on two
-- runs mean the node has exactly the same edges.
node_links as (
    select
        node_a as node_id,
        {{ dbt.concat(["node_b", "'|'", "evidence"]) }} as link
    from all_edges
    union all
    select
        node_b as node_id,
        {{ dbt.concat(["node_a", "'|'", "evidence"]) }} as link
    from all_edges
),

link_fingerprints as (
    select
        node_id,
        {{ dbt.hash(dbt.listagg("link", "';'", "order by link")) }} as links_fingerprint
    from node_links
    group by node_id
),

node_fingerprints as (
    select
        all_nodes.node_id,
        coalesce(link_fingerprints.links_fingerprint, 'no links') as links_fingerprint
    from all_nodes
    left join link_fingerprints
        on all_nodes.node_id = link_fingerprints.node_id
),
{%- if is_incremental() %}

built_nodes as (
    select
        node_id,
        component_label,
        links_fingerprint
    from {{ this }}
),

-- New nodes, nodes with other links than when built, and built nodes that left the graph.
changed_nodes as (
    select node_fingerprints.node_id from node_fingerprints
    left join built_nodes
        on node_fingerprints.node_id = built_nodes.node_id
    where built_nodes.node_id is null
        or built_nodes.links_fingerprint != node_fingerprints.links_fingerprint
    union
    select built_nodes.node_id from built_nodes
    left join node_fingerprints
        on built_nodes.node_id = node_fingerprints.node_id
    where node_fingerprints.node_id is null
),

-- Every node of a built component that holds a changed node, and the changed nodes. An
-- unchanged edge joins two nodes of one built component, and a new edge two changed nodes,
-- so every edge of a node in this set has its other end in the set too.
affected_nodes as (
    select built_nodes.node_id from built_nodes
    where built_nodes.component_label in (
        select affected.component_label from built_nodes as affected
        inner join changed_nodes
            on affected.node_id = changed_nodes.node_id
    )
    union
    select changed_nodes.node_id from changed_nodes
),

nodes as (
    select node_fingerprints.* from node_fingerprints
    inner join affected_nodes
        on node_fingerprints.node_id = affected_nodes.node_id
),

edges as (
    select all_edges.* from all_edges
    inner join affected_nodes
        on all_edges.node_a = affected_nodes.node_id
),
{%- else %}

nodes as (
    select * from node_fingerprints
),

edges as (
    select * from all_edges
),
{%- endif %}

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
        nodes.links_fingerprint,
        strong_labels.label as strong_label,
        strong_labels.label != strong_labels.previous_label as strong_label_changed
    from all_labels
    inner join strong_labels
        on all_labels.node_id = strong_labels.node_id
    inner join nodes
        on all_labels.node_id = nodes.node_id
),

component_stats as (
    select
        component_label,
        count(*) as component_size,
        count(case when identifier_type = 'crm' then 1 end) as n_crm_contacts
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
        > {{ var('clicktrail__identity_max_crm_contacts_per_component') }} as is_split
    from typed_nodes
    inner join component_stats
        on typed_nodes.component_label = component_stats.component_label
),

-- In a split component, an anonymous id keeps only its direct links to known identifiers.
anon_direct_links as (
    select
        flagged.node_id,
        count(distinct neighbours.strong_label) as n_people_linked,
        min(neighbours.strong_label) as linked_strong_label
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
        flagged.links_fingerprint
    from flagged
    left join anon_direct_links
        on flagged.node_id = anon_direct_links.node_id
)

select * from final
