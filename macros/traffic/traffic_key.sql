{#- Deterministic key of a (source, medium, campaign) triple, case ignored: the hash of
    "<len>:<lower(value)>" per field joined by '|', with '~' for a null, so null, '' and
    every text value give different keys and no two triples can collide by concatenation.
    Web-event models compute the same key to join int_traffic_sources_channeled. -#}
{% macro traffic_key(source, medium, campaign) -%}
    {%- set parts = [] -%}
    {%- for field in [source, medium, campaign] -%}
        {%- set lowered = 'lower(' ~ field ~ ')' -%}
        {%- do parts.append(
            "case when " ~ field ~ " is null then '~' else "
            ~ dbt.concat([
                'cast(' ~ dbt.length(lowered) ~ ' as ' ~ dbt.type_string() ~ ')',
                "':'",
                lowered,
            ])
            ~ " end"
        ) -%}
    {%- endfor -%}
    {{ dbt.hash(dbt.concat([parts[0], "'|'", parts[1], "'|'", parts[2]])) }}
{%- endmacro %}
