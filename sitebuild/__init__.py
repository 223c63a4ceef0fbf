"""What the documentation site needs at build time: directives, math, figures and a cache.

MkDocs loads [`sitebuild.hooks`][sitebuild.hooks]; everything else here is plain Python
that the tests call directly.
"""
