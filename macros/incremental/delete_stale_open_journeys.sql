{#- Post-hook of the incremental fct_contact_journeys: deletes the open journeys (no
    conversion) that the run did not write again although it wrote other journeys of their
    contact (the contact's touches all precede a conversion now), and open journeys of
    contacts without any touch left in `touchpoints`. Renders nothing unless the model is
    incremental on this adapter. -#}
{% macro delete_stale_open_journeys(touchpoints) -%}
    {%- if is_incremental() -%}
        delete from {{ this }}
        where conversion_id is null
            and _loaded_at < {{ clicktrail.loaded_at() }}
            and (
                contact_id in (
                    select written.contact_id from {{ this }} as written
                    where written._loaded_at = {{ clicktrail.loaded_at() }}
                )
                or contact_id not in (
                    select touched.contact_id from {{ touchpoints }} as touched
                )
            )
    {%- endif -%}
{%- endmacro %}
