{#- One step of a journey path: the channel lowercased, then `:` and the campaign lowercased
    when the touch has a campaign (`email:webinar invitation 2026-01-07`, `organic search`,
    `paid search:brand_search`). ` > ` separates steps, so a `>` inside a campaign name is
    replaced by `-` to keep paths splittable. -#}
{% macro journey_path_token(channel, campaign) -%}
    case
        when {{ campaign }} is null or trim({{ campaign }}) = '' then lower({{ channel }})
        else {{ dbt.concat([
            "lower(" ~ channel ~ ")",
            "':'",
            "replace(lower(trim(" ~ campaign ~ ")), '>', '-')",
        ]) }}
    end
{%- endmacro %}
