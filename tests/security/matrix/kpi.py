"""The dashboard: coordinators and decision-makers (``kpi.view_dashboard``); other staff and members 403."""

STAFF_ONLY = {
    "anonymous": "login",
    "member": 403,
    "other_applicant": 403,
    "coordinator": 200,
    "steering": 403,
    "reviewer": 403,
    "conflicted_reviewer": 403,
    "decision_maker": 200,
}

URLS = {
    "kpi:dashboard": STAFF_ONLY,
    "kpi:figures_csv": STAFF_ONLY,
}
