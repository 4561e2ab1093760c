{#- Every lead-scoring setting, read from its namespaced var with the default here (so the
    scoring models agree and work in a project that sets none of them). Returns a dict
    (Jinja only); invalid values fail compilation. Doc blocks: lead_score_decay, mql. -#}
{% macro lead_score_settings() -%}
    {%- set settings = {
        'decay': var('clicktrail__lead_score_decay', 'half_life'),
        'half_life_days': var('clicktrail__lead_score_half_life_days', 30),
        'step_days': var('clicktrail__lead_score_step_days', 30),
        'decay_negative_points': var('clicktrail__lead_score_decay_negative_points', false),
        'score_unverified_clicks': var('clicktrail__lead_score_unverified_clicks', false),
        'mql_threshold': var('clicktrail__mql_threshold', 100),
        'mql_basis': var('clicktrail__mql_score_basis', 'total'),
        'recycle_threshold': var('clicktrail__lead_score_recycle_threshold', 50),
        'hand_raiser_hold_days': var('clicktrail__lead_score_hand_raiser_hold_days', 30),
        'engaged_threshold': var('clicktrail__lead_score_engaged_threshold', 10),
        'fit_grade_thresholds': var(
            'clicktrail__lead_fit_grade_thresholds', {'A': 45, 'B': 30, 'C': 15}
        ),
        'calibration_horizon_days': var(
            'clicktrail__lead_score_calibration_horizon_days', 14
        ),
    } -%}
    {%- if settings.decay not in ('half_life', 'step', 'none') -%}
        {{ exceptions.raise_compiler_error(
            "clicktrail__lead_score_decay must be half_life, step or none, not "
            ~ settings.decay) }}
    {%- endif -%}
    {%- if settings.mql_basis not in ('total', 'engagement') -%}
        {{ exceptions.raise_compiler_error(
            "clicktrail__mql_score_basis must be total or engagement, not "
            ~ settings.mql_basis) }}
    {%- endif -%}
    {%- if settings.half_life_days | float <= 0 or settings.step_days | int <= 0 -%}
        {{ exceptions.raise_compiler_error(
            "clicktrail__lead_score_half_life_days and clicktrail__lead_score_step_days "
            ~ "must be positive") }}
    {%- endif -%}
    {%- if settings.recycle_threshold | float > settings.mql_threshold | float -%}
        {{ exceptions.raise_compiler_error(
            "clicktrail__lead_score_recycle_threshold must not exceed clicktrail__mql_threshold") }}
    {%- endif -%}
    {%- set grades = settings.fit_grade_thresholds -%}
    {%- if not (grades.A | float >= grades.B | float >= grades.C | float) -%}
        {{ exceptions.raise_compiler_error(
            "clicktrail__lead_fit_grade_thresholds needs A >= B >= C") }}
    {%- endif -%}
    {{ return(settings) }}
{%- endmacro %}
