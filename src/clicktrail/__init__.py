"""clicktrail: tooling around the clicktrail dbt project (demo world generator, checks)."""

__version__ = "0.1.0"
