"""The demo-world generator: a coherent B2B SaaS world with raw vendor files and ground truth.

See README.md in this folder for how the world works, the truth files and the injected faults.
"""

from clicktrail.generator.config import GeneratorConfig
from clicktrail.generator.pipeline import generate

__all__ = ["GeneratorConfig", "generate"]
