{#- A query of the contacts whose journey inputs changed since this model's last run: those
    dim_contacts rewrote (an event of theirs was written, or their identifier set changed:
    every conversion and session of a contact is one of its events) and those whose touches
    fct_touchpoints rewrote (a click whose click-through session changed). A touch
    disappears only with an event rewrite of its contact, so a contact that lost its last
    touch is among the first. The model needs `-- depends_on:` both refs. -#}
{% macro contacts_rewritten_since_last_run() -%}
    select rewritten.contact_id from {{ ref('dim_contacts') }} as rewritten
    where {{ clicktrail.changed_since_last_run('rewritten._loaded_at') }}

    union

    select retouched.contact_id from {{ ref('fct_touchpoints') }} as retouched
    where {{ clicktrail.changed_since_last_run('retouched._loaded_at') }}
{%- endmacro %}
