{#- A select of one row per day, `date_day`, from start_date to end_date inclusive (SQL
    expressions; scalar subqueries are fine). Portable: day offsets come from cross-joined
    digit lists (enough digits for max_days), so no engine series function and no dbt_utils.
    Days beyond max_days are not generated; the spine test catches a range that long. -#}
{% macro day_spine(start_date, end_date, max_days=36600) -%}
    {{ return(adapter.dispatch('day_spine', 'clicktrail')(start_date, end_date, max_days)) }}
{%- endmacro %}

{% macro default__day_spine(start_date, end_date, max_days) -%}
    {%- set n_digits = (max_days | int | string) | length -%}
    select
        cast({{ dbt.dateadd('day', 'day_offsets.day_offset', start_date) }} as date) as date_day
    from (
        select
            {% for position in range(n_digits) -%}
                digits_{{ position }}.digit * {{ 10 ** position }}
                {%- if not loop.last %} + {% endif %}
            {%- endfor %} as day_offset
        from
            {% for position in range(n_digits) -%}
                (
                    {% for digit in range(10) -%}
                        select {{ digit }} as digit
                        {%- if not loop.last %} union all {% endif %}
                    {%- endfor %}
                ) as digits_{{ position }}
                {%- if not loop.last %} cross join {% endif %}
            {% endfor %}
    ) as day_offsets
    where day_offsets.day_offset <= {{ dbt.datediff(start_date, end_date, 'day') }}
{%- endmacro %}
