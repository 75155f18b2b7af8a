"""Scanners of how a service ships: Dockerfiles, compose files, serverless and platform
configuration, Kubernetes manifests, environment files and deployment documentation."""
