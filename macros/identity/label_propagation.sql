{#- CTEs that label every node of an undirected graph with the smallest node id reachable
    from it (connected components), by `passes` rounds of min-label propagation — portable
    SQL, no recursion. `edges_cte` must have columns node_a, node_b; `nodes_cte` a column
    node_id. Produces CTEs `<prefix>_pass_0` … `<prefix>_pass_<passes>` (node_id, label) and
    `<prefix>_labels` (node_id, label, previous_label): converged when label = previous_label
    for every node. Each pass also takes the label of the neighbour's neighbour label
    (pointer jumping), so n passes cover paths of length up to 2^n. -#}
{% macro label_propagation(edges_cte, nodes_cte, passes, prefix='lp') %}
{{ prefix }}_directed as {{ clicktrail.cte_materialized() }} (
    select node_a as node_id, node_b as neighbour_id from {{ edges_cte }}
    union all
    select node_b as node_id, node_a as neighbour_id from {{ edges_cte }}
),

{{ prefix }}_pass_0 as {{ clicktrail.cte_materialized() }} (
    select
        {{ nodes_cte }}.node_id,
        least(
            {{ nodes_cte }}.node_id,
            coalesce(min({{ prefix }}_directed.neighbour_id), {{ nodes_cte }}.node_id)
        ) as label
    from {{ nodes_cte }}
    left join {{ prefix }}_directed
        on {{ nodes_cte }}.node_id = {{ prefix }}_directed.node_id
    group by {{ nodes_cte }}.node_id
),
{% for i in range(1, passes + 1) %}
{{ prefix }}_pass_{{ i }} as {{ clicktrail.cte_materialized() }} (
    select
        previous.node_id,
        least(
            previous.label,
            coalesce(min(neighbour_labels.label), previous.label),
            coalesce(min(jump.label), previous.label)
        ) as label
    from {{ prefix }}_pass_{{ i - 1 }} as previous
    left join {{ prefix }}_directed
        on previous.node_id = {{ prefix }}_directed.node_id
    left join {{ prefix }}_pass_{{ i - 1 }} as neighbour_labels
        on {{ prefix }}_directed.neighbour_id = neighbour_labels.node_id
    left join {{ prefix }}_pass_{{ i - 1 }} as jump
        on previous.label = jump.node_id
    group by previous.node_id, previous.label
),
{% endfor %}
{{ prefix }}_labels as (
    select
        final_pass.node_id,
        final_pass.label,
        previous_pass.label as previous_label
    from {{ prefix }}_pass_{{ passes }} as final_pass
    inner join {{ prefix }}_pass_{{ passes - 1 }} as previous_pass
        on final_pass.node_id = previous_pass.node_id
)
{% endmacro %}
