"""The web app: FastAPI app factory, routes, Jinja2 templates and static files."""
