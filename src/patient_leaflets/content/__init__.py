"""The content stage: leaflet YAML read safely, validated against the schema, with its markup and placeholders."""
