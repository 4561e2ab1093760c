{#- An ordered funnel: a SELECT (use it as a CTE body) with one row per entity and stage
    it reached in order: (entity column, stage_rank, reached_at).

    `stage_events` names a relation or CTE with columns <entity_column>, stage_rank
    (1, 2, ... without gaps) and occurred_at: every event that matches a stage. Stage 1 is
    reached at its first event; stage k at its first event at or after the moment stage
    k - 1 was reached. An event of stage k before that moment does not count (out of order);
    a later one does. `max_stages` steps are generated; a funnel with more stages fails its
    seed test (doc block `funnel_stages`). -#}
{% macro funnel_stages_reached(stage_events, entity_column='contact_id', max_stages=10) -%}
    with

    funnel_step_1 as (
        select
            {{ entity_column }},
            min(occurred_at) as reached_at
        from {{ stage_events }}
        where stage_rank = 1
        group by {{ entity_column }}
    ),
    {%- for k in range(2, max_stages + 1) %}

    funnel_step_{{ k }} as (
        select
            stage_event.{{ entity_column }},
            min(stage_event.occurred_at) as reached_at
        from {{ stage_events }} as stage_event
        inner join funnel_step_{{ k - 1 }} as previous_step
            on stage_event.{{ entity_column }} = previous_step.{{ entity_column }}
            and stage_event.occurred_at >= previous_step.reached_at
        where stage_event.stage_rank = {{ k }}
        group by stage_event.{{ entity_column }}
    ),
    {%- endfor %}

    funnel_steps as (
        {%- for k in range(1, max_stages + 1) %}
        select
            {{ entity_column }},
            {{ k }} as stage_rank,
            reached_at
        from funnel_step_{{ k }}
        {{ 'union all' if not loop.last }}
        {%- endfor %}
    )

    select * from funnel_steps
{%- endmacro %}
