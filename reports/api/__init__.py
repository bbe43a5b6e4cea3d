"""REST endpoints for official reports: list, detail and download, scoped like the report pages."""
