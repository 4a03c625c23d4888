"""Repository-wide pytest settings."""

# Running the package as a program is not a doctest.
collect_ignore = ["graph_builder/__main__.py"]
