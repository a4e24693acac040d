"""The survey's answer page: the private link's token is the credential; a wrong one opens nothing."""

ROLES = [
    "anonymous",
    "member",
    "other_applicant",
    "coordinator",
    "steering",
    "reviewer",
    "conflicted_reviewer",
    "decision_maker",
]

URLS = {
    "surveys:answer": dict.fromkeys(ROLES, 404),
}


def paths(world) -> dict[str, str]:
    return {"surveys:answer": "/fi/surveys/answer/wrong-token/"}
