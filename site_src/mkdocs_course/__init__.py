"""The MkDocs adapter of the course quiz core: a thin plugin, no quiz logic of its own."""
