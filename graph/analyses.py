"""The names of the graph analyses that graph.analytics (networkx) and graph.fast_analytics
both compute, in the order kg analytics and kg bench list them.  A module of its own so that
the CLI can offer them without importing numpy, SciPy and igraph at start-up."""

ANALYSES = ("degree", "betweenness", "communities", "partners", "brokers")
