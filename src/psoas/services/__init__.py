"""Use cases: each loads through ports, calls the pure domain, and saves through ports.

One module per area (assessment, plans, sessions, progress, data ...). Services never import
adapters, config, the web or the CLI.
"""
