{#- Post-hook of int_identity_components: deletes the nodes that left the identity graph (no
    edge holds them any more and they are not a CRM contact), which the incremental insert
    cannot remove — a CRM contact deleted from the snapshot, a click reclassified as a bot.
    Renders nothing unless the model is incremental. -#}
{% macro delete_absent_identity_nodes() -%}
    {%- if is_incremental() -%}
        delete from {{ this }}
        where node_id not in (
            select identity_edges.node_a from {{ ref('int_identity_edges') }} as identity_edges
            union
            select identity_edges.node_b from {{ ref('int_identity_edges') }} as identity_edges
            union
            select {{ dbt.concat(["'crm:'", "crm_contacts.crm_contact_id"]) }}
            from {{ ref('stg_crm__contacts') }} as crm_contacts
        )
    {%- endif -%}
{%- endmacro %}
