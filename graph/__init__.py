"""三名联动创新图谱 — the graph layer: model, stores, analytics, maps, CLI."""

__version__ = "0.1.0"
