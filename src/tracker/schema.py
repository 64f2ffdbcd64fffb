"""JSON Schemas of the data files, from the Pydantic models, for editors to validate
while typing (VS Code's YAML extension reads the modeline each data file carries).

The commune schema a data folder keeps (`data/schemas/`) also lists that folder's
department and category codes, so that an editor underlines an unknown department
as `tracker validate` reports it; `tracker fmt` keeps it in step with the registries.
"""

import json
from typing import Any

from pydantic import BaseModel

from tracker.models import CommuneFile, Reports, Rollup
from tracker.registry import Categories, Departments, FollowUp

MODELS: dict[str, type[BaseModel]] = {"commune": CommuneFile, "departments": Departments, "categories": Categories,
                                      "followup": FollowUp, "reports": Reports, "rollup": Rollup}  # fmt: skip
# What a data folder's `schemas/` holds (rollup.yaml is a roll-up's, beside no data folder).
DATA_SCHEMAS = [name for name in MODELS if name != "rollup"]
_TITLES = {
    "commune": "tracker: a commune's obstacles and action plan (data/communes/<slug>.yaml)",
    "departments": "tracker: the departments work is assigned to (data/departments.yaml)",
    "categories": "tracker: the obstacle groups (data/categories.yaml)",
    "followup": "tracker: reminders and their escalation (data/followup.yaml)",
    "reports": "tracker: the register of periodic reports sent (data/reports.yaml)",
    "rollup": "tracker: a national roll-up of provinces' repositories (rollup.yaml)",
}


def schema(name: str, departments: list[str] | None = None, categories: list[str] | None = None) -> dict[str, Any]:
    data = MODELS[name].model_json_schema(mode="validation")
    if name == "commune" and departments is not None:
        issue = data["$defs"]["Issue"]["properties"]
        issue["dept"]["enum"] = departments
        issue["support"]["items"]["enum"] = departments
        if categories is not None:
            issue["category"]["anyOf"][0]["enum"] = categories
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **data, "title": _TITLES[name]}


def schema_text(name: str, departments: list[str] | None = None, categories: list[str] | None = None) -> str:
    """The schema as the file `schemas/<name>.schema.json` holds it."""
    return json.dumps(schema(name, departments, categories), ensure_ascii=False, indent=2, sort_keys=False) + "\n"
