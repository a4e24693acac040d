URLS = {
    "funding:funded_projects": "public",
    "funding:funded_projects_json": "public",
    "funding:funded_projects_csv": "public",
}
