"""One module per ``unkg`` sub-command (see ``graph_builder.cli``)."""
