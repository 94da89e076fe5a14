"""Alembic's migration environment (env.py) and the schema's revisions
(versions/). A package so that wheels carry it: setuptools only ships
the modules of packages it finds."""
