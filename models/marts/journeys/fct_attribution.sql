{{ config(
    materialized=clicktrail.replace_by_key_materialization(),
    incremental_strategy='delete+insert',
    unique_key='conversion_id',
    on_schema_change='fail',
    post_hook="{{ clicktrail.delete_orphan_rows(
        ref('int_conversion_touches_windowed'), 'conversion_id'
    ) }}",
) }}

-- depends_on: {{ ref('dim_contacts') }}
-- depends_on: {{ ref('fct_touchpoints') }}
-- One row per conversion x touch x attribution model: the share of the conversion each
-- touch in the lookback window earns under first touch, last touch, last non-direct,
-- linear, time decay, position based (U) and W-shaped attribution. A conversion with no
-- touch in its window keeps its whole credit on one `(unattributed)` row per model.
-- Rules, tie-breaks and fallbacks: doc block `attribution_rules`.
-- Incremental (DECISIONLOG D-034): a conversion's rows depend on the conversion and its
-- contact's touches. A run rewrites every conversion of the contacts dim_contacts or
-- fct_touchpoints rewrote since its last run, and every conversion without a contact (none
-- has touches; they are few); a conversion has at least one row, so delete+insert on
-- conversion_id replaces it whole, also when it moved to another contact. A post-hook
-- deletes conversions that no longer exist. Where the adapter has no delete+insert the
-- model is a table.
{%- set half_life_days = var('clicktrail__attribution_half_life_days', 7) %}
{%- set endpoint_share = var('clicktrail__attribution_position_based_endpoint_share', 0.4) %}
{%- set key_share = var('clicktrail__attribution_w_shaped_key_share', 0.3) %}
{%- set double = clicktrail.type_double() %}
{%- if half_life_days | float <= 0 or endpoint_share | float * 2 > 1
    or key_share | float * 3 > 1 %}
    {{ exceptions.raise_compiler_error(
        "fct_attribution: need clicktrail__attribution_half_life_days > 0, "
        ~ "clicktrail__attribution_position_based_endpoint_share <= 0.5 and "
        ~ "clicktrail__attribution_w_shaped_key_share <= 1/3") }}
{%- endif %}

with
{%- if is_incremental() %}

affected_contacts as (
    {{ clicktrail.contacts_rewritten_since_last_run() }}
),
{%- endif %}

conversion_touches as (
    select * from {{ ref('int_conversion_touches_windowed') }}
    {%- if is_incremental() %}
    where contact_id is null
        or contact_id in (select affected_contacts.contact_id from affected_contacts)
    {%- endif %}
),

positioned as (
    select
        *,
        case
            when touchpoint_id is not null
                then row_number() over (
                        partition by conversion_id order by touched_at, touchpoint_id
                    )
        end as touch_index,
        count(touchpoint_id) over (partition by conversion_id) as n_touches,
        {{ dbt.datediff('touched_at', 'converted_at', 'second') }}
            as seconds_before_conversion
    from conversion_touches
),

aged as (
    select
        *,
        cast(seconds_before_conversion as {{ double }}) / 86400 as days_before_conversion
    from positioned
),

key_touches as (
    select
        *,
        coalesce(
            max(case when not is_direct then touch_index end)
                over (partition by conversion_id),
            n_touches
        ) as last_non_direct_index,
        max(case when touched_at <= lead_created_at then touch_index end)
            over (partition by conversion_id) as lead_creation_touch_index,
        max(case when touched_at <= opportunity_created_at then touch_index end)
            over (partition by conversion_id) as opportunity_creation_touch_index,
        power(
            cast(2 as {{ double }}),
            -1 * days_before_conversion / {{ half_life_days }}
        ) as time_decay_weight
    from aged
),

key_slots as (
    select
        *,
        case when touch_index = 1 then 1 else 0 end
        + case when touch_index = lead_creation_touch_index then 1 else 0 end
        + case when touch_index = opportunity_creation_touch_index then 1 else 0 end
            as n_w_shaped_key_slots
    from key_touches
),

other_touches as (
    select
        *,
        sum(
            case when touch_index is not null and n_w_shaped_key_slots = 0 then 1 else 0 end
        ) over (partition by conversion_id) as n_w_shaped_other_touches
    from key_slots
),

weighted as (
    select
        *,
        cast({{ key_share }} as {{ double }}) * n_w_shaped_key_slots
        + case
            when touch_index is not null and n_w_shaped_key_slots = 0
                then (1 - 3 * cast({{ key_share }} as {{ double }}))
                    / n_w_shaped_other_touches
            else 0
        end as w_shaped_weight
    from other_touches
),

-- Read once per attribution model below: computed once.
totals as {{ clicktrail.cte_materialized() }} (
    select
        *,
        sum(time_decay_weight) over (partition by conversion_id) as time_decay_weight_total,
        sum(w_shaped_weight) over (partition by conversion_id) as w_shaped_weight_total
    from weighted
),

credited as (
    {%- for attribution_model in clicktrail.attribution_models() %}
        select
            *,
            '{{ attribution_model }}' as attribution_model,
            {{ clicktrail.attribution_credit(attribution_model, endpoint_share) }}
                as raw_credit
        from totals
        {{ 'union all' if not loop.last }}
    {%- endfor %}
),

final as (
    select
        {{ dbt.hash(dbt.concat([
            "conversion_id",
            "'|'",
            "attribution_model",
            "'|'",
            "coalesce(touchpoint_id, '(unattributed)')",
        ])) }} as attribution_id,
        conversion_id,
        contact_id,
        conversion_name,
        converted_at,
        conversion_value,
        attribution_model,
        touchpoint_id,
        touched_at,
        touch_type,
        case when touchpoint_id is null then '(unattributed)' else channel end as channel,
        source,
        medium,
        campaign,
        campaign_id,
        is_direct,
        cast(touch_index as {{ dbt.type_int() }}) as touch_index,
        cast(n_touches as {{ dbt.type_int() }}) as n_touches,
        days_before_conversion,
        coalesce(touch_index = lead_creation_touch_index, false) as is_lead_creation_touch,
        coalesce(touch_index = opportunity_creation_touch_index, false)
            as is_opportunity_creation_touch,
        -- 12 decimal places: stable across engines; sums stay within 1e-9 of 1.
        {{ clicktrail.round_double('raw_credit', 12) }} as credit,
        {{ clicktrail.round_double('conversion_value * raw_credit', 6) }} as attributed_value,
        {{ clicktrail.loaded_at() }} as _loaded_at
    from credited
)

select * from final
