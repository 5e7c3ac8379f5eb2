"""Turns the YAML content of an Interreg project site into Markdown pages, one set per language.

Plain Python with no MkDocs objects: hooks/generate.py is the only glue to MkDocs, so the
generator can be tested alone and moved to another static-site tool one day.
"""
