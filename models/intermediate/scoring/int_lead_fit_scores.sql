-- One row per contact: the CRM fit rules (seed lead_fit_rules) that apply to its job title,
-- company size, country and industry, and their points. Per attribute the matching rule
-- with the lowest priority wins (ties: fit_rule_id); no match (or a null attribute) scores
-- 0 with band 'unknown'. Fit from events (score_group fit) is added in fct_lead_scores_daily.
{%- set text_attributes = ['job_title', 'country_code', 'industry'] %}
{%- set numeric_attributes = ['company_size'] %}
{%- set attributes = text_attributes + numeric_attributes %}

with

contacts as (
    select * from {{ ref('dim_contacts') }}
),

fit_rules_seed as (
    select * from {{ ref('lead_fit_rules') }}
),

-- An empty pattern means a numeric rule (some loaders give '' instead of null).
fit_rules as (
    select
        fit_rule_id,
        attribute,
        band,
        priority,
        nullif(trim(match_like), '') as match_like,
        {{ clicktrail.try_cast("nullif(trim(min_value), '')", clicktrail.type_double()) }}
            as min_value,
        {{ clicktrail.try_cast("nullif(trim(max_value), '')", clicktrail.type_double()) }}
            as max_value,
        points
    from fit_rules_seed
),

contact_attributes as (
    {% for attribute in text_attributes %}
        select
            contact_id,
            '{{ attribute }}' as attribute_name,
            lower(trim({{ attribute }})) as text_value,
            cast(null as {{ clicktrail.type_double() }}) as numeric_value
        from contacts
        where {{ attribute }} is not null
        union all
    {% endfor %}
    {% for attribute in numeric_attributes %}
        select
            contact_id,
            '{{ attribute }}' as attribute_name,
            cast(null as {{ dbt.type_string() }}) as text_value,
            cast({{ attribute }} as {{ clicktrail.type_double() }}) as numeric_value
        from contacts
        where {{ attribute }} is not null
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

candidates as (
    select
        contact_attributes.contact_id,
        contact_attributes.attribute_name,
        fit_rules.fit_rule_id,
        fit_rules.band,
        fit_rules.points,
        row_number() over (
            partition by contact_attributes.contact_id, contact_attributes.attribute_name
            order by fit_rules.priority, fit_rules.fit_rule_id
        ) as match_rank
    from contact_attributes
    inner join fit_rules
        on contact_attributes.attribute_name = fit_rules.attribute
            and (
                (
                    fit_rules.match_like is not null
                    and contact_attributes.text_value like lower(fit_rules.match_like)
                )
                or (
                    fit_rules.match_like is null
                    and contact_attributes.numeric_value >= fit_rules.min_value
                    and (
                        fit_rules.max_value is null
                        or contact_attributes.numeric_value < fit_rules.max_value
                    )
                )
            )
),

best_matches as (
    select * from candidates
    where match_rank = 1
),

final as (
    select
        contacts.contact_id,
        {% for attribute in attributes %}
            coalesce({{ attribute }}_match.band, 'unknown') as {{ attribute }}_band,
            cast(coalesce({{ attribute }}_match.points, 0) as integer) as {{ attribute }}_points,
            {{ attribute }}_match.fit_rule_id as {{ attribute }}_fit_rule_id,
        {% endfor %}
        cast(
            {% for attribute in attributes -%}
                coalesce({{ attribute }}_match.points, 0)
                {%- if not loop.last %} + {% endif %}
            {% endfor -%}
            as integer
        ) as crm_fit_points
    from contacts
    {% for attribute in attributes %}
        left join best_matches as {{ attribute }}_match
            on contacts.contact_id = {{ attribute }}_match.contact_id
                and {{ attribute }}_match.attribute_name = '{{ attribute }}'
    {% endfor %}
)

select * from final
