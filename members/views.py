import re

from allauth.account.forms import default_token_generator
from allauth.account.utils import url_str_to_user_pk
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from core import public_cache
from members import selectors, services
from members.enums import MembershipStatus, OrganisationType
from members.forms import ContactPersonForm, DirectoryFilterForm, JoinForm, ProfileForm
from members.models import ContactPerson, WelfareRegion

DIRECTORY_PAGE_SIZE = 25
ACTIVATION_SESSION_KEY = "members_activation_key"
ACTIVATION_URL_KEY = "set-password"


# --- Joining ---------------------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
def join(request):
    form = JoinForm(request.POST or None)
    refusal = ""
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_apply(application=form.application(), actor=request.user)
        except services.MembershipError as exc:
            refusal = exc.message
        else:
            return redirect("members:join_done")
    return render(request, "members/join.html", {"form": form, "refusal": refusal})


@require_safe
def join_done(request):
    return render(request, "members/join_done.html")


def _activation_user(uidb36: str, key: str):
    User = get_user_model()
    try:
        user = User.objects.get(pk=url_str_to_user_pk(uidb36))
    except (ValueError, TypeError, OverflowError, User.DoesNotExist):
        return None
    return user if key and default_token_generator.check_token(user, key) else None


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def activate(request, uidb36: str, key: str):
    """Verify the address and choose a password, from the link in the mail.

    The key moves from the address into the session at once, so it cannot leak in a Referer header.
    """
    if key != ACTIVATION_URL_KEY:
        if _activation_user(uidb36, key) is None:
            return render(request, "members/activate_invalid.html", status=400)
        request.session[ACTIVATION_SESSION_KEY] = key
        return redirect("members:activate", uidb36=uidb36, key=ACTIVATION_URL_KEY)
    user = _activation_user(uidb36, request.session.get(ACTIVATION_SESSION_KEY, ""))
    if user is None:
        return render(request, "members/activate_invalid.html", status=400)
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.contact_person_activate(user=user, password=form.cleaned_data["new_password1"])
        request.session.pop(ACTIVATION_SESSION_KEY, None)
        messages.success(
            request, _("Your email address is verified and your password is set. Please sign in.")
        )
        return redirect(f"{reverse('account_login')}?{urlencode({'next': reverse('members:my')})}")
    return render(request, "members/activate.html", {"form": form, "email": user.email})


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def invitation(request, token: str):
    """Accept or decline becoming a contact person, from the link in the mail (GET only asks)."""
    pending = selectors.invitation_get(token=token)
    if pending is None or services.invitation_expired(pending):
        return render(request, "members/invitation_invalid.html", status=400)
    if request.method == "POST":
        try:
            if request.POST.get("answer") == "accept":
                services.contact_invitation_accept(invitation=pending, actor=pending.user)
                messages.success(
                    request,
                    _("You are now a contact person of %(organisation)s.")
                    % {"organisation": pending.organisation},
                )
                return redirect("members:my" if request.user.is_authenticated else "account_login")
            services.contact_invitation_decline(invitation=pending, actor=pending.user)
        except services.MembershipError as exc:
            messages.error(request, exc.message)
            return render(request, "members/invitation_invalid.html", status=400)
        messages.success(request, _("You declined the invitation. Nothing was changed."))
        return redirect("frontpage:home")
    response = render(request, "members/invitation.html", {"invitation": pending})
    response["Referrer-Policy"] = "no-referrer"
    return response


# --- The public directory --------------------------------------------------------------------------


PAGE_NUMBER = re.compile(r"[1-9][0-9]{0,2}")


@require_safe
def directory(request):
    content = public_cache.cached(
        "members", _directory_cache_parts(request.GET), lambda: (_directory_content(request.GET), None)
    )
    return render(request, "members/directory.html", {"content": content})


def _directory_cache_parts(query) -> tuple | None:
    """The cache key of a directory page: the type, region and page chosen. Searches by name and
    unusual addresses are not cached (None), so the number of entries stays bounded."""
    if set(query) - {"type", "region", "page"} or any(len(values) > 1 for _key, values in query.lists()):
        return None
    type_, region, page = query.get("type", ""), query.get("region", ""), query.get("page", "1")
    if (type_ and type_ not in OrganisationType.values) or not PAGE_NUMBER.fullmatch(page):
        return None
    if region and region not in public_cache.cached(
        "members", ("regions",), lambda: (selectors.welfare_region_codes(), None)
    ):
        return None
    return (bool(query), type_, region, page)


def _directory_content(query) -> str:
    regions = list(WelfareRegion.objects.order_by("order", "code"))
    filter_form = DirectoryFilterForm(query or None, regions=regions)
    filters = filter_form.filters()
    organisations, type_counts = selectors.directory_search(**filters)
    page = Paginator(organisations, DIRECTORY_PAGE_SIZE).get_page(query.get("page"))
    labels = dict(OrganisationType.choices)
    counts = [
        {
            "type": row["type"],
            "label": labels.get(row["type"], row["type"]),
            "count": row["count"],
            "url": "?" + urlencode({**_query(filters), "type": row["type"]}),
            "current": row["type"] == filters["type"],
        }
        for row in type_counts
    ]
    query_without_page = urlencode(_query(filters))
    return render_to_string(
        "members/_directory.html",
        {
            "filter_form": filter_form,
            "page": page,
            "type_counts": counts,
            "total": sum(row["count"] for row in counts),
            "filtered": any(filters.values()),
            "query_without_page": query_without_page,
        },
    )


def _query(filters: dict[str, str]) -> dict[str, str]:
    names = {"query": "q", "type": "type", "region_code": "region"}
    return {names[key]: value for key, value in filters.items() if value}


@require_safe
def profile(request, pk: int):
    organisation = selectors.public_organisation_get(pk=pk)
    if organisation is None:
        raise Http404
    return render(request, "members/profile.html", {"organisation": organisation})


# --- Member self-service ---------------------------------------------------------------------------


def _own_organisation(request, pk: int, statuses=(MembershipStatus.PENDING, MembershipStatus.MEMBER)):
    """The organisation if the signed-in person is its contact person; 404 otherwise, so that
    nobody learns about organisations that are not theirs."""
    organisation = selectors.contact_organisation_get(user=request.user, pk=pk, statuses=statuses)
    if organisation is None:
        raise Http404
    return organisation


@login_required
@require_safe
def my(request):
    organisations = selectors.organisations_for_contact(user=request.user).order_by("name_fi", "id")
    return render(request, "members/my.html", {"organisations": organisations})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def my_edit(request, pk: int):
    organisation = _own_organisation(request, pk)
    form = ProfileForm(request.POST or None, request.FILES or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_update(
                organisation=organisation, actor=request.user, data=form.profile_data()
            )
        except services.MembershipError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The profile was saved."))
            return redirect("members:my")
    organisation.refresh_from_db()
    return render(request, "members/my_edit.html", {"organisation": organisation, "form": form})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def my_contacts(request, pk: int):
    organisation = _own_organisation(request, pk)
    form = ContactPersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_person_add(organisation=organisation, actor=request.user, **form.cleaned_data)
        except services.MembershipError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request,
                _("%(email)s was invited as a contact person.") % {"email": form.cleaned_data["email"]},
            )
            return redirect("members:my_contacts", pk=organisation.pk)
    return render(
        request,
        "members/my_contacts.html",
        {
            "organisation": organisation,
            "contacts": selectors.contact_persons_of(organisation=organisation),
            "form": form,
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def my_contact_remove(request, pk: int, contact_pk: int):
    organisation = _own_organisation(request, pk)
    contact = get_object_or_404(
        ContactPerson.objects.select_related("user"), pk=contact_pk, organisation=organisation
    )
    if request.method == "POST":
        try:
            services.contact_person_remove(contact=contact, actor=request.user)
        except services.MembershipError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request, _("%(name)s is no longer a contact person.") % {"name": contact.full_name}
            )
            if contact.user_id == request.user.pk:
                return redirect("members:my")
        return redirect("members:my_contacts", pk=organisation.pk)
    context = {"organisation": organisation, "contact": contact}
    return render(request, "members/my_contact_remove.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def my_resign(request, pk: int):
    organisation = _own_organisation(request, pk, statuses=(MembershipStatus.MEMBER,))
    if request.method == "POST":
        try:
            services.organisation_resign(organisation=organisation, actor=request.user)
        except services.MembershipError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request, _("%(organisation)s has resigned from the network.") % {"organisation": organisation}
            )
        return redirect("members:my")
    return render(request, "members/my_resign.html", {"organisation": organisation})
