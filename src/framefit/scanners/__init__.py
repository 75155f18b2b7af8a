"""The scanners: one module per kind of file (manifests, Python, deployment, database files), what a
scanner is (`base`) and their registry (`registry`)."""
