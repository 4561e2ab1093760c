{#- The credit of one touch under one attribution model, as a SQL expression over the
    columns fct_attribution prepares for every conversion x touch row:
    touch_index (1..n by touched_at, touchpoint_id), n_touches (0 when the conversion has
    no touch in its window: the `(unattributed)` row gets the whole credit),
    last_non_direct_index, time_decay_weight / time_decay_weight_total and
    w_shaped_weight / w_shaped_weight_total. Formulas: doc block `attribution_rules`. -#}
{% macro attribution_credit(model_name, endpoint_share=0.4) -%}
    {%- set double = clicktrail.type_double() -%}
    case
        when n_touches = 0 then cast(1 as {{ double }})
    {%- if model_name == 'first_touch' %}
        when touch_index = 1 then cast(1 as {{ double }})
        else cast(0 as {{ double }})
    {%- elif model_name == 'last_touch' %}
        when touch_index = n_touches then cast(1 as {{ double }})
        else cast(0 as {{ double }})
    {%- elif model_name == 'last_non_direct' %}
        when touch_index = last_non_direct_index then cast(1 as {{ double }})
        else cast(0 as {{ double }})
    {%- elif model_name == 'linear' %}
        else cast(1 as {{ double }}) / n_touches
    {%- elif model_name == 'time_decay' %}
        else time_decay_weight / time_decay_weight_total
    {%- elif model_name == 'position_based' %}
        when n_touches = 1 then cast(1 as {{ double }})
        when n_touches = 2 then cast(0.5 as {{ double }})
        when touch_index = 1 or touch_index = n_touches
            then cast({{ endpoint_share }} as {{ double }})
        else (1 - 2 * cast({{ endpoint_share }} as {{ double }})) / (n_touches - 2)
    {%- elif model_name == 'w_shaped' %}
        else w_shaped_weight / w_shaped_weight_total
    {%- else %}
        {{ exceptions.raise_compiler_error(
            "attribution_credit: unknown attribution model '" ~ model_name ~ "'") }}
    {%- endif %}
    end
{%- endmacro %}
