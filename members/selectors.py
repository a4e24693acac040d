from django.db.models import QuerySet

from members.enums import MembershipStatus
from members.models import CoordinationGroupSeat, Organisation


def member_count() -> int:
    """Member organisations of the network, as the front page and the KPIs count them."""
    return Organisation.objects.filter(status=MembershipStatus.MEMBER).count()


def coordination_group_list() -> QuerySet[CoordinationGroupSeat]:
    return CoordinationGroupSeat.objects.select_related("organisation").order_by("order", "id")
