from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportMixin
from modeltranslation.admin import TranslationAdmin

from core.admin import ServiceOwnedRecord
from members import resources, selectors, services
from members.enums import MembershipStatus
from members.models import (
    ContactInvitation,
    ContactPerson,
    CoordinationGroupSeat,
    Organisation,
    WelfareRegion,
)


@admin.register(WelfareRegion)
class WelfareRegionAdmin(TranslationAdmin):
    list_display = ["name", "code", "order"]


class ContactPersonInline(admin.TabularInline):
    """Contact persons are listed here and added through "Add contact person", which invites them."""

    model = ContactPerson
    fields = ["first_name", "last_name", "title", "email", "email_verified", "language", "is_primary"]
    readonly_fields = fields
    extra = 0
    max_num = 0
    can_delete = False
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(verified=selectors.contact_email_verified())

    @admin.display(description=_("email verified"), boolean=True)
    def email_verified(self, obj):
        return obj.verified


class ContactFilter(admin.SimpleListFilter):
    """Whether the organisation can be reached: a verified contact person, only unverified ones, or none."""

    title = _("contact persons")
    parameter_name = "contact"

    def lookups(self, request, model_admin):
        return [
            ("verified", _("Email verified")),
            ("unverified", _("Email not verified")),
            ("none", _("Members without a contact")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "verified":
            return queryset.filter(contact_verified=True)
        if self.value() == "unverified":
            return queryset.filter(contact_verified=False, contact_count__gt=0)
        if self.value() == "none":
            return queryset.filter(contact_count=0, status=MembershipStatus.MEMBER)
        return queryset


class OverrideForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for approving without a verified email address"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=500,
        help_text=_("Recorded in the audit trail with your name."),
    )


@admin.register(Organisation)
class OrganisationAdmin(ServiceOwnedRecord, ImportMixin, TranslationAdmin):
    list_display = [
        "name",
        "business_id",
        "type",
        "region",
        "status",
        "contact_email_verified",
        "listed_publicly",
        "applied_at",
    ]
    list_filter = ["status", ContactFilter, "type", "region", "listed_publicly"]
    search_fields = ["name_fi", "name_sv", "name_en", "business_id"]
    list_select_related = ["region"]
    readonly_fields = [
        "status",
        "applied_at",
        "member_since",
        "status_changed_at",
        "terms_accepted_at",
        "created_at",
        "add_contact_person",
    ]
    inlines = [ContactPersonInline]
    actions = ["approve", "approve_unverified", "reject"]
    # The launch import (CSV or XLSX): a dry run with a report row by row, then a confirmation.
    resource_classes = [resources.OrganisationResource]
    import_formats = resources.IMPORT_FORMATS

    def has_import_permission(self, request):
        return request.user.has_perm("members.add_organisation") and request.user.has_perm(
            "members.change_organisation"
        )

    def get_queryset(self, request):
        return selectors.organisations_with_verification(super().get_queryset(request))

    @admin.display(description=_("contact email verified"), boolean=True, ordering="contact_verified")
    def contact_email_verified(self, obj: Organisation) -> bool:
        return obj.contact_verified

    @admin.display(description=_("contact persons"))
    def add_contact_person(self, obj: Organisation) -> str:
        if obj is None or obj.pk is None:
            return "–"
        url = reverse("admin:members_contactperson_add") + f"?organisation={obj.pk}"
        return format_html('<a href="{}">{}</a>', url, _("Add contact person"))

    def save_model(self, request, obj, form, change):
        services.organisation_save(organisation=obj, actor=request.user)

    def _decide(self, request, queryset, service, done_message, **options) -> None:
        done = 0
        for organisation in queryset.order_by("pk"):
            try:
                service(organisation=organisation, actor=request.user, **options)
            except services.MembershipError as exc:
                self.message_user(request, exc.message, messages.WARNING)
            else:
                done += 1
        if done:
            self.message_user(request, done_message(done) % {"count": done}, messages.SUCCESS)

    @admin.action(description=_("Approve the selected applications"), permissions=["change"])
    def approve(self, request, queryset):
        self._decide(
            request,
            queryset,
            services.organisation_approve,
            lambda n: ngettext(
                "%(count)d organisation was approved as a member.",
                "%(count)d organisations were approved as members.",
                n,
            ),
        )

    @admin.action(
        description=_("Approve the selected applications without a verified email address…"),
        permissions=["change"],
    )
    def approve_unverified(self, request, queryset):
        """A deliberate override: asks for a reason first, and the audit entry records it."""
        form = OverrideForm(request.POST if "reason" in request.POST else None)
        if form.is_bound and form.is_valid():
            self._decide(
                request,
                queryset,
                services.organisation_approve,
                lambda n: ngettext(
                    "%(count)d organisation was approved as a member.",
                    "%(count)d organisations were approved as members.",
                    n,
                ),
                unverified_reason=form.cleaned_data["reason"],
            )
            return HttpResponseRedirect(request.get_full_path())
        return TemplateResponse(
            request,
            "admin/members/organisation/approve_unverified.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": gettext("Approve without a verified email address"),
                "organisations": selectors.organisations_with_verification(queryset.order_by("name")),
                "form": form,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            },
        )

    @admin.action(description=_("Reject the selected applications"), permissions=["change"])
    def reject(self, request, queryset):
        self._decide(
            request,
            queryset,
            services.organisation_reject,
            lambda n: ngettext(
                "%(count)d application was rejected.",
                "%(count)d applications were rejected.",
                n,
            ),
        )


class ContactPersonAddForm(forms.ModelForm):
    make_primary = forms.BooleanField(label=_("primary contact person"), required=False)

    class Meta:
        model = ContactPerson
        fields = ["organisation", "first_name", "last_name", "title", "email", "language"]

    def clean(self):
        cleaned = super().clean()
        organisation, email = cleaned.get("organisation"), (cleaned.get("email") or "").lower()
        if organisation and email and organisation.contact_persons.filter(user__email__iexact=email).exists():
            raise forms.ValidationError(
                _("%(email)s is already a contact person of %(organisation)s."),
                params={"email": email, "organisation": organisation},
            )
        return cleaned


@admin.register(ContactPerson)
class ContactPersonAdmin(admin.ModelAdmin):
    list_display = ["__str__", "email", "title", "language", "is_primary", "created_at"]
    list_filter = ["is_primary", "language"]
    search_fields = ["first_name", "last_name", "email", "organisation__name_fi"]
    list_select_related = ["organisation", "user"]
    autocomplete_fields = ["organisation"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = ContactPersonAddForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["organisation", "first_name", "last_name", "title", "email", "language", "make_primary"]
        return ["organisation", "user", "first_name", "last_name", "title", "email", "language", "is_primary"]

    def get_readonly_fields(self, request, obj=None):
        return ["organisation", "user", "email"] if obj is not None else []

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # removal goes through the service, one at a time
        return actions

    def save_model(self, request, obj, form, change):
        if change:
            services.contact_person_update(contact=obj, actor=request.user)
            return
        result = services.contact_person_add(
            organisation=form.cleaned_data["organisation"],
            actor=request.user,
            first_name=form.cleaned_data["first_name"],
            last_name=form.cleaned_data["last_name"],
            title=form.cleaned_data["title"],
            email=form.cleaned_data["email"],
            language=form.cleaned_data["language"],
            is_primary=form.cleaned_data["make_primary"],
        )
        if isinstance(result, ContactInvitation):
            # An existing account: nothing is attached until the person accepts.
            request._members_invitation = result
            return
        obj.pk, obj.user, obj.email = result.pk, result.user, result.email
        obj.is_primary = result.is_primary
        obj._state.adding = False

    def log_addition(self, request, obj, message):
        if getattr(request, "_members_invitation", None) is None:
            return super().log_addition(request, obj, message)
        return None

    def response_add(self, request, obj, post_url_continue=None):
        invitation = getattr(request, "_members_invitation", None)
        if invitation is None:
            return super().response_add(request, obj, post_url_continue)
        self.message_user(
            request,
            gettext(
                "%(email)s already has an account: an invitation was emailed, and the person becomes a "
                "contact person of %(organisation)s when they accept it."
            )
            % {"email": invitation.email, "organisation": invitation.organisation},
            messages.SUCCESS,
        )
        return HttpResponseRedirect(
            reverse("admin:members_organisation_change", args=[invitation.organisation_id])
        )

    def delete_model(self, request, obj):
        try:
            services.contact_person_remove(contact=obj, actor=request.user)
        except services.MembershipError as exc:
            self.message_user(request, exc.message, messages.ERROR)


@admin.register(CoordinationGroupSeat)
class CoordinationGroupSeatAdmin(admin.ModelAdmin):
    list_display = ["organisation", "order"]
    list_select_related = ["organisation"]
    autocomplete_fields = ["organisation"]


@admin.register(ContactInvitation)
class ContactInvitationAdmin(admin.ModelAdmin):
    """Invitations waiting for (or answered by) the person; created only by the services."""

    list_display = ["email", "organisation", "status", "created_at", "answered_at", "invited_by"]
    list_filter = ["status"]
    search_fields = ["email", "organisation__name_fi"]
    list_select_related = ["organisation", "invited_by"]
    fields = list_display
    readonly_fields = list_display

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
