{#- Fit grade A-D of a fit score, from clicktrail__lead_fit_grade_thresholds (score >= A's
    threshold is A, then B, then C; else D; null score is D). -#}
{% macro lead_fit_grade(fit_score) -%}
    {%- set grades = clicktrail.lead_score_settings().fit_grade_thresholds -%}
    case
        when {{ fit_score }} >= {{ grades.A }} then 'A'
        when {{ fit_score }} >= {{ grades.B }} then 'B'
        when {{ fit_score }} >= {{ grades.C }} then 'C'
        else 'D'
    end
{%- endmacro %}
