{#- Every lead's score is explained: its contributions (one row per reason) add up to its
    score, within a rounding tolerance. Attach to the leads model. -#}
{% test scoring_contributions_sum_to_score(
    model, contributions, score_column='total_score', tolerance=0.01
) %}

with

explained as (
    select
        contact_id,
        sum(contribution) as explained_score
    from {{ contributions }}
    group by contact_id
),

final as (
    select
        leads.contact_id,
        leads.{{ score_column }} as score,
        coalesce(explained.explained_score, 0) as explained_score
    from {{ model }} as leads
    left join explained
        on leads.contact_id = explained.contact_id
    where abs(leads.{{ score_column }} - coalesce(explained.explained_score, 0))
        > {{ tolerance }}
)

select * from final

{% endtest %}
