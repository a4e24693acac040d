from django import forms
from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin

from core.admin import ServiceOwnedRecord
from members import services
from members.models import ContactPerson, CoordinationGroupSeat, Organisation, WelfareRegion


@admin.register(WelfareRegion)
class WelfareRegionAdmin(TranslationAdmin):
    list_display = ["name", "code", "order"]


class ContactPersonInline(admin.TabularInline):
    """Contact persons are listed here and added through "Add contact person", which invites them."""

    model = ContactPerson
    fields = ["first_name", "last_name", "title", "email", "language", "is_primary"]
    readonly_fields = fields
    extra = 0
    max_num = 0
    can_delete = False
    show_change_link = True


@admin.register(Organisation)
class OrganisationAdmin(ServiceOwnedRecord, TranslationAdmin):
    list_display = ["name", "business_id", "type", "region", "status", "listed_publicly", "applied_at"]
    list_filter = ["status", "type", "region", "listed_publicly"]
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
    actions = ["approve", "reject"]

    @admin.display(description=_("contact persons"))
    def add_contact_person(self, obj: Organisation) -> str:
        if obj is None or obj.pk is None:
            return "–"
        url = reverse("admin:members_contactperson_add") + f"?organisation={obj.pk}"
        return format_html('<a href="{}">{}</a>', url, _("Add contact person"))

    def save_model(self, request, obj, form, change):
        services.organisation_save(organisation=obj, actor=request.user)

    def _decide(self, request, queryset, service, done_message) -> None:
        done = 0
        for organisation in queryset.order_by("pk"):
            try:
                service(organisation=organisation, actor=request.user)
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
        contact = services.contact_person_add(
            organisation=form.cleaned_data["organisation"],
            actor=request.user,
            first_name=form.cleaned_data["first_name"],
            last_name=form.cleaned_data["last_name"],
            title=form.cleaned_data["title"],
            email=form.cleaned_data["email"],
            language=form.cleaned_data["language"],
            is_primary=form.cleaned_data["make_primary"],
        )
        obj.pk, obj.user, obj.email = contact.pk, contact.user, contact.email
        obj.is_primary = contact.is_primary
        obj._state.adding = False

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
