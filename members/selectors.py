from allauth.account.models import EmailAddress
from django.conf import settings
from django.db.models import (
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Lower, NullIf
from django.utils import translation

from core.audit import latest_entry_time
from members.enums import AuditAction, InvitationStatus, MembershipStatus
from members.models import (
    ContactInvitation,
    ContactPerson,
    CoordinationGroupSeat,
    Organisation,
    WelfareRegion,
)
from search.selectors import search_filter


def contact_email_verified() -> Exists:
    """A condition on contact persons: their contact address is a verified address of their account."""
    return Exists(
        EmailAddress.objects.filter(user=OuterRef("user"), email__iexact=OuterRef("email"), verified=True)
    )


def contact_verified(organisation: Organisation) -> bool:
    """Whether a contact person of the organisation has verified their contact address."""
    return ContactPerson.objects.filter(contact_email_verified(), organisation=organisation).exists()


def organisations_with_verification(queryset: QuerySet[Organisation]) -> QuerySet[Organisation]:
    """Annotate ``contact_verified`` (a contact person verified their address) and ``contact_count``."""
    verified = ContactPerson.objects.filter(contact_email_verified(), organisation=OuterRef("pk"))
    contacts = (
        ContactPerson.objects.filter(organisation=OuterRef("pk"))
        .order_by()
        .values("organisation")
        .annotate(n=Count("id"))
        .values("n")
    )
    return queryset.annotate(
        contact_verified=Exists(verified),
        contact_count=Coalesce(Subquery(contacts, output_field=IntegerField()), Value(0)),
    )


def member_count() -> int:
    """Member organisations of the network, as the front page and the KPIs count them."""
    return Organisation.objects.filter(status=MembershipStatus.MEMBER).count()


def coordination_group_list() -> QuerySet[CoordinationGroupSeat]:
    return CoordinationGroupSeat.objects.select_related("organisation").order_by("order", "id")


def public_organisations() -> QuerySet[Organisation]:
    """Approved members that agreed to be listed: everything the public may see."""
    return Organisation.objects.filter(status=MembershipStatus.MEMBER, listed_publicly=True)


def _display_name(language: str):
    """The name shown in ``language``: its translation, else the Finnish name (as modeltranslation)."""
    if language == settings.LANGUAGE_CODE:
        return F(f"name_{language}")
    return Coalesce(
        NullIf(F(f"name_{language}"), Value("")),
        F(f"name_{settings.LANGUAGE_CODE}"),
        output_field=CharField(),
    )


def directory_search(
    *, query: str = "", type: str = "", region_code: str = ""
) -> tuple[QuerySet[Organisation], QuerySet]:
    """The public directory in alphabetical order of the current language's names, and its counts per
    type (counted with the name and region filters but not the type filter, so every type shows what
    choosing it would give)."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    language = language[:2] if language[:2] in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    # The site-wide search's engine: stemmed names in every language, type, region, description.
    organisations = search_filter(public_organisations(), kind="member", text=query)
    if region_code:
        organisations = organisations.filter(region__code=region_code)
    type_counts = organisations.order_by().values("type").annotate(count=Count("id")).order_by("type")
    if type:
        organisations = organisations.filter(type=type)
    organisations = (
        organisations.select_related("region")
        .annotate(display_name=_display_name(language))
        .order_by(Lower("display_name"), "id")
    )
    return organisations, type_counts


def welfare_region_codes() -> list[str]:
    return list(WelfareRegion.objects.values_list("code", flat=True))


def public_organisation_get(*, pk: int) -> Organisation | None:
    return public_organisations().select_related("region").filter(pk=pk).first()


def organisations_for_contact(*, user) -> QuerySet[Organisation]:
    """The organisations the signed-in person is a contact person of."""
    if not getattr(user, "is_authenticated", False):
        return Organisation.objects.none()
    return Organisation.objects.filter(contact_persons__user=user).select_related("region").distinct()


def contact_organisation_get(*, user, pk: int, statuses=(MembershipStatus.PENDING, MembershipStatus.MEMBER)):
    """The organisation ``pk`` if ``user`` is its contact person and it is in ``statuses``, else None."""
    return organisations_for_contact(user=user).filter(pk=pk, status__in=statuses).first()


def contact_persons_of(*, organisation: Organisation) -> QuerySet[ContactPerson]:
    return ContactPerson.objects.filter(organisation=organisation).select_related("user")


# --- For the funding app: contact persons, organisations and regions as funding reads them ---------


def contact_person_get(*, user, organisation: Organisation) -> ContactPerson | None:
    """The person's contact-person record in ``organisation``, or None."""
    return ContactPerson.objects.filter(user=user, organisation=organisation).first()


def contact_organisation_identities(*, user) -> list[tuple[int, str, str]]:
    """(id, name, business ID) of each organisation the person is a contact person of."""
    return list(
        ContactPerson.objects.filter(user=user)
        .select_related("organisation")
        .values_list("organisation_id", "organisation__name", "organisation__business_id")
    )


def member_organisations_for_contact(*, user) -> QuerySet[Organisation]:
    """The member organisations the signed-in person is a contact person of."""
    return organisations_for_contact(user=user).filter(status=MembershipStatus.MEMBER)


def welfare_regions() -> QuerySet[WelfareRegion]:
    return WelfareRegion.objects.order_by("order", "code")


def organisations_with_region(*, type: str) -> QuerySet[Organisation]:
    """Organisations of ``type`` that know which welfare region they are in."""
    return Organisation.objects.filter(type=type, region__isnull=False)


def organisations_named(*, names_fi) -> QuerySet[Organisation]:
    return Organisation.objects.filter(name_fi__in=list(names_fi))


def membership_rows() -> list[tuple]:
    """(status, member_since, status_changed_at, created_at, resigned_at) of every organisation that
    is or has been a member; ``resigned_at``: the newest resignation in the audit trail, if any."""
    return list(
        Organisation.objects.filter(Q(status=MembershipStatus.MEMBER) | Q(member_since__isnull=False))
        .annotate(resigned_at=latest_entry_time(action=AuditAction.ORGANISATION_RESIGNED, model=Organisation))
        .values_list("status", "member_since", "status_changed_at", "created_at", "resigned_at")
    )


def welfare_region_names() -> dict[int, str]:
    """Every welfare region's name by its id, in the regions' order."""
    return {region.pk: region.name for region in welfare_regions()}


def organisations_by_name(*, ids=None) -> QuerySet[Organisation]:
    """Organisations (those with ``ids`` if given) in the order of their names."""
    organisations = Organisation.objects.all() if ids is None else Organisation.objects.filter(pk__in=ids)
    return organisations.order_by("name")


def member_organisations_by_name() -> QuerySet[Organisation]:
    return Organisation.objects.filter(status=MembershipStatus.MEMBER).order_by("name")


def member_organisation_ids_for_contact(*, user) -> list[int]:
    """The member organisations the (signed-in) ``user`` is a contact person of."""
    return list(
        ContactPerson.objects.filter(user=user, organisation__status=MembershipStatus.MEMBER).values_list(
            "organisation_id", flat=True
        )
    )


def member_contact_persons() -> QuerySet[ContactPerson]:
    """Contact persons with an address of the member organisations, with their organisation, by
    organisation."""
    return (
        ContactPerson.objects.select_related("organisation")
        .filter(organisation__status=MembershipStatus.MEMBER)
        .exclude(email="")
        .order_by("organisation_id", "id")
    )


def organisation_ids_for_contact(*, user) -> set[int]:
    """Every organisation, whatever its status, the (signed-in) ``user`` is a contact person of."""
    return set(Organisation.objects.filter(contact_persons__user=user).values_list("pk", flat=True))


def contact_persons_of_organisation(*, organisation_id: int | None) -> QuerySet[ContactPerson]:
    if organisation_id is None:
        return ContactPerson.objects.none()
    return ContactPerson.objects.filter(organisation_id=organisation_id)


def invitation_get(*, token: str) -> ContactInvitation | None:
    """A pending invitation by the token of its link (None for unknown, answered or malformed tokens)."""
    if not token or len(token) > 64:
        return None
    return (
        ContactInvitation.objects.select_related("organisation", "user")
        .filter(token=token, status=InvitationStatus.PENDING)
        .first()
    )


def organisations_only_contact_of(*, user) -> list[Organisation]:
    """Member organisations whose only contact person is ``user``: erasing the person leaves them
    without a contact (the erasure page warns about it)."""
    others = ContactPerson.objects.filter(organisation=OuterRef("pk")).exclude(user=user)
    return list(
        Organisation.objects.filter(status=MembershipStatus.MEMBER, contact_persons__user=user)
        .exclude(Exists(others))
        .order_by("name", "id")
    )


def contact_person_names(*, user, emails: list[str]) -> set[str]:
    """The full names the person is known by as a contact person (for erasure)."""
    match = Q(user=user) if user is not None else Q(pk__in=[])
    for email in emails:
        match |= Q(email__iexact=email)
    names = set()
    for first, last in ContactPerson.objects.filter(match).values_list("first_name", "last_name"):
        names.add(f"{first} {last}".strip())
    return names


def contact_recipients(*, organisation_id: int) -> list[tuple[str, str, str]]:
    """(email, language, first name) of the organisation's contact persons, the primary one first."""
    return list(
        ContactPerson.objects.filter(organisation_id=organisation_id)
        .order_by("-is_primary", "id")
        .values_list("email", "language", "first_name")
    )


def pending_application_counts(*, since) -> tuple[int, int]:
    """(applications waiting for a decision, of which arrived since ``since``)."""
    figures = Organisation.objects.filter(status=MembershipStatus.PENDING).aggregate(
        waiting=Count("id"), new=Count("id", filter=Q(applied_at__gte=since))
    )
    return figures["waiting"], figures["new"]


def welfare_region_by_name(text: str) -> WelfareRegion | None:
    """A welfare region by its code or its name in any language, also in the form "Pirkanmaan
    hyvinvointialue" / "Birkalands välfärdsområde"."""
    wanted = " ".join(text.split()).lower()
    for suffix in (" hyvinvointialue", " välfärdsområde", " wellbeing services county"):
        if wanted.endswith(suffix):
            wanted = wanted[: -len(suffix)]
    for region in WelfareRegion.objects.all():
        names = {region.code, region.name_fi, region.name_sv, region.name_en}
        names = {(n or "").lower() for n in names} - {""}
        if wanted in names or wanted in {
            f"{(region.name_fi or '').lower()}n",
            f"{(region.name_sv or '').lower()}s",
        }:
            return region
    return None
