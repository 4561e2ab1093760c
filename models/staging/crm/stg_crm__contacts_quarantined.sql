-- CRM contact rows without an id, and superseded duplicates, with a reason.
{{ clicktrail.quarantined_rows(
    ref('base_crm__contacts_parsed'), 'crm', 'crm.contacts', 'crm_contact_id'
) }}
