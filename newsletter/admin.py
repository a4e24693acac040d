"""Coordinators' tools: campaigns (compose, preview, test, send, progress, pause/resume/cancel, retry),
subscribers (import with a dry run, export), the welcome text and the provider's events."""

from __future__ import annotations

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from modeltranslation.admin import TranslationAdmin

from core.admin import ServiceOwnedRecord
from core.csv_export import dialect_from, streaming_csv_response
from newsletter import selectors, services
from newsletter.enums import CampaignState, SubscriberStatus, UnsubscribeMethod
from newsletter.forms import ImportForm
from newsletter.models import Campaign, Delivery, Subscriber, TrackingEvent, WelcomeMessage

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
# Shown inside the sandboxed preview frame: no scripts, no remote content.
PREVIEW_CSP = (
    '<meta http-equiv="Content-Security-Policy" '
    "content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
)
EDITABLE_STATES = (CampaignState.DRAFT, CampaignState.SCHEDULED)


def progress_html(progress) -> str:
    return render_to_string("admin/newsletter/campaign/_progress.html", {"progress": progress})


#: States in which the progress still changes by itself (the change page's script keeps fetching it).
LIVE_STATES = (CampaignState.SCHEDULED, CampaignState.SENDING)


def live_progress_html(campaign: Campaign) -> str:
    return render_to_string(
        "admin/newsletter/campaign/_live_progress.html",
        {
            "campaign": campaign,
            "progress": selectors.campaign_progress(campaign),
            "live": campaign.state in LIVE_STATES,
            "interval": int(settings.NEWSLETTER_PROGRESS_REFRESH_SECONDS * 1000),
        },
    )


@admin.register(Campaign)
class CampaignAdmin(ServiceOwnedRecord, TranslationAdmin):
    list_display = ["subject", "state", "send_at", "finished_at", "progress"]
    list_filter = ["state"]
    search_fields = ["subject"]
    date_hierarchy = "created_at"
    change_form_template = "admin/newsletter/campaign/change_form.html"
    fieldsets = [
        (None, {"fields": ["subject", "body"]}),
        (_("Recipients"), {"fields": ["audience_language", "audience_test_list"]}),
        (_("Sending"), {"fields": ["send_at", "not_after", "failure_threshold", "in_archive"]}),
        (
            _("Progress"),
            {"fields": ["state", "progress_detail", "paused_reason", "started_at", "finished_at"]},
        ),
    ]
    readonly_fields = ["state", "progress_detail", "paused_reason", "started_at", "finished_at"]

    def get_queryset(self, request):
        return selectors.campaign_list()

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.state not in EDITABLE_STATES:
            fields += ["send_at", "not_after", "failure_threshold", "audience_language", "audience_test_list"]
            fields += [f"{name}_{code}" for name in ("subject", "body") for code in LANGUAGE_CODES]
        return fields

    @admin.display(description=_("progress"))
    def progress(self, obj):
        return progress_html(selectors.progress_from_annotations(obj))

    @admin.display(description=_("progress"))
    def progress_detail(self, obj):
        if obj.pk is None:
            return "–"
        return live_progress_html(obj)

    def save_model(self, request, obj, form, change):
        services.campaign_save(campaign=obj, actor=request.user, changed=form.changed_data)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "languages": settings.LANGUAGES,
            "newsletter_actions": ["pause", "resume", "cancel"],
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def response_change(self, request, obj):
        # "Send…" and "Send a test" are buttons of the campaign's own form: the edits on the page are
        # saved (and validated) first, so what is tested and sent is always what is saved.
        if "_newsletter_send" in request.POST:
            return redirect(reverse("admin:newsletter_campaign_confirm", args=[obj.pk]))
        if "_newsletter_test" in request.POST:
            self._test_send(request, obj)
            return redirect(reverse("admin:newsletter_campaign_change", args=[obj.pk]))
        return super().response_change(request, obj)

    # --- Extra pages and actions -------------------------------------------------------------

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/preview/<str:language>/",
                wrap(self.preview_view),
                name="newsletter_campaign_preview",
            ),
            path("<int:pk>/failures/", wrap(self.failures_view), name="newsletter_campaign_failures"),
            path("<int:pk>/send/", wrap(self.confirm_view), name="newsletter_campaign_confirm"),
            path("<int:pk>/progress/", wrap(self.progress_view), name="newsletter_campaign_progress"),
            path(
                "<int:pk>/do/<str:action>/",
                wrap(require_POST(self.action_view)),
                name="newsletter_campaign_do",
            ),
            *super().get_urls(),
        ]

    def _campaign(self, request, pk: int, *, change: bool) -> Campaign:
        campaign = get_object_or_404(Campaign, pk=pk)
        allowed = (
            self.has_change_permission(request, campaign)
            if change
            else self.has_view_permission(request, campaign)
        )
        if not allowed:
            raise PermissionDenied
        return campaign

    def _context(self, request, campaign, title, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": campaign,
            "campaign": campaign,
            "title": title,
            **extra,
        }

    def preview_view(self, request, pk: int, language: str):
        campaign = self._campaign(request, pk, change=False)
        if language not in LANGUAGE_CODES:
            raise Http404
        version = services.campaign_prepare(campaign, language)
        sample = {"manage": "#", "unsubscribe": "#"}
        rendered = version.personalise(**sample)
        return TemplateResponse(
            request,
            "admin/newsletter/campaign/preview.html",
            self._context(
                request,
                campaign,
                gettext("Preview: %(subject)s") % {"subject": rendered["subject"]},
                language=language,
                version=version.language,
                rendered=rendered,
                srcdoc=PREVIEW_CSP + rendered["html"],
                languages=settings.LANGUAGES,
            ),
        )

    ACTIONS = {
        "pause": (services.campaign_pause, _("The campaign is paused.")),
        "resume": (services.campaign_resume, _("Sending continues.")),
        "cancel": (services.campaign_cancel, _("The campaign is cancelled.")),
    }

    def confirm_view(self, request, pk: int):
        """The step before sending: the saved campaign, its audience and how many people in each
        language get which version; the button posts the version confirmed here."""
        campaign = self._campaign(request, pk, change=True)
        counts = selectors.recipients_by_language(campaign)
        names = dict(settings.LANGUAGES)
        rows = [
            {
                "language": names[code],
                "count": count,
                "version": names[campaign.language_of_version(code)],
                "subject": campaign.subject_in(campaign.language_of_version(code)),
            }
            for code, count in counts.items()
        ]
        return TemplateResponse(
            request,
            "admin/newsletter/campaign/confirm.html",
            self._context(
                request,
                campaign,
                gettext("Send: %(subject)s") % {"subject": campaign.subject},
                rows=rows,
                total=sum(counts.values()),
                sendable=campaign.state in EDITABLE_STATES,
                scheduled=bool(campaign.send_at and campaign.send_at > timezone.now()),
                version=campaign.updated_at.isoformat(),
                audience_language=names.get(campaign.audience_language, ""),
            ),
        )

    def progress_view(self, request, pk: int):
        """The progress fragment alone, fetched by the change page's script while sending."""
        campaign = self._campaign(request, pk, change=False)
        return HttpResponse(live_progress_html(campaign))

    def _test_send(self, request, campaign):
        try:
            count = services.campaign_test_send(campaign=campaign, actor=request.user)
        except services.NewsletterError as exc:
            self.message_user(request, exc.message, level=messages.ERROR)
        else:
            self.message_user(
                request,
                gettext("%(count)d test messages are on their way to %(email)s.")
                % {"count": count, "email": request.user.email},
            )

    def _send(self, request, campaign):
        confirmed = parse_datetime(request.POST.get("version", ""))
        if confirmed is None:  # never sent in one click: the confirmation step comes first
            return redirect(reverse("admin:newsletter_campaign_confirm", args=[campaign.pk]))
        try:
            result = services.campaign_send(
                campaign=campaign, actor=request.user, confirmed_version=confirmed
            )
        except services.NewsletterError as exc:
            self.message_user(request, exc.message, level=messages.ERROR)
            if exc.code == "changed":
                return redirect(reverse("admin:newsletter_campaign_confirm", args=[campaign.pk]))
        else:
            if result.state == CampaignState.SCHEDULED:
                self.message_user(
                    request,
                    gettext("The campaign is scheduled for %(moment)s. You can cancel it until then.")
                    % {"moment": date_format(timezone.localtime(result.send_at), "DATETIME_FORMAT")},
                )
            else:
                self.message_user(request, gettext("The campaign is being sent."))
        return redirect(reverse("admin:newsletter_campaign_change", args=[campaign.pk]))

    def action_view(self, request, pk: int, action: str):
        campaign = self._campaign(request, pk, change=True)
        change_url = reverse("admin:newsletter_campaign_change", args=[campaign.pk])
        if action == "send":
            return self._send(request, campaign)
        try:
            if action == "test":
                self._test_send(request, campaign)
            elif action == "retry":
                ids = [int(v) for v in request.POST.getlist("delivery") if v.isdigit()] or None
                count = services.campaign_retry_failed(
                    campaign=campaign, actor=request.user, delivery_ids=ids
                )
                self.message_user(
                    request, gettext("%(count)d messages will be sent again.") % {"count": count}
                )
                return redirect(reverse("admin:newsletter_campaign_failures", args=[campaign.pk]))
            elif action in self.ACTIONS:
                service, done = self.ACTIONS[action]
                service(campaign=campaign, actor=request.user)
                self.message_user(request, done)
            else:
                raise Http404
        except services.NewsletterError as exc:
            self.message_user(request, exc.message, level=messages.ERROR)
        return redirect(change_url)

    def failures_view(self, request, pk: int):
        campaign = self._campaign(request, pk, change=False)
        services.campaign_refresh(campaign_id=campaign.pk)
        failures = list(selectors.failed_deliveries(campaign)[:1000])
        return TemplateResponse(
            request,
            "admin/newsletter/campaign/failures.html",
            self._context(
                request,
                campaign,
                gettext("Failed recipients: %(subject)s") % {"subject": campaign.subject},
                failures=failures,
                can_retry=self.has_change_permission(request, campaign),
            ),
        )


@admin.register(Subscriber)
class SubscriberAdmin(ServiceOwnedRecord, admin.ModelAdmin):
    list_display = [
        "__str__",
        "language",
        "status",
        "on_test_list",
        "confirmed_at",
        "consent_method",
        "created_at",
    ]
    list_filter = ["status", "language", "on_test_list", "consent_method", "consent_form"]
    search_fields = ["email"]
    change_list_template = "admin/newsletter/subscriber/change_list.html"
    fields = [
        "email", "language", "status", "created_at", "confirmed_at", "ended_at", "end_reason",
        "on_test_list", "consent_at", "consent_form", "consent_language", "consent_method", "consent_text",
        "consent_text_version", "consent_client", "consent_user_agent", "consent_source",
        "confirmation_sent_at", "welcome_sent_at", "private_link",
    ]  # fmt: skip
    readonly_fields = [f for f in fields if f != "language"]
    actions = ["unsubscribe", "add_to_test_list", "remove_from_test_list"]

    def has_add_permission(self, request):
        # Subscriptions start with the person's own confirmation, or with an import.
        return False

    @admin.display(description=_("private link"))
    def private_link(self, obj):
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), gettext("Open"))

    def save_model(self, request, obj, form, change):
        if change and "language" in form.changed_data:
            services.subscriber_change_language(
                subscriber=obj, language=form.cleaned_data["language"], actor=request.user
            )

    @admin.action(description=_("Unsubscribe (erases the address)"), permissions=["change"])
    def unsubscribe(self, request, queryset):
        done = 0
        for subscriber in queryset.exclude(status=SubscriberStatus.UNSUBSCRIBED):
            services.subscriber_unsubscribe(
                subscriber=subscriber, method=UnsubscribeMethod.ADMIN, actor=request.user
            )
            done += 1
        self.message_user(request, gettext("%(count)d subscribers unsubscribed.") % {"count": done})

    def _set_test_list(self, request, queryset, on: bool) -> None:
        for subscriber in queryset:
            services.subscriber_set_test_list(subscriber=subscriber, on=on, actor=request.user)
        self.message_user(request, gettext("The test list is updated."))

    @admin.action(description=_("Add to the test list"), permissions=["change"])
    def add_to_test_list(self, request, queryset):
        self._set_test_list(request, queryset.filter(on_test_list=False), True)

    @admin.action(description=_("Remove from the test list"), permissions=["change"])
    def remove_from_test_list(self, request, queryset):
        self._set_test_list(request, queryset.filter(on_test_list=True), False)

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("import/", wrap(self.import_view), name="newsletter_subscriber_import"),
            path("export.csv", wrap(self.export_view), name="newsletter_subscriber_export"),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        kpi = selectors.subscriber_kpi(months=12)
        return super().changelist_view(request, {**(extra_context or {}), "kpi": kpi})

    def import_view(self, request):
        if not self.has_change_permission(request) or not request.user.has_perm("newsletter.add_subscriber"):
            raise PermissionDenied
        form = ImportForm(request.POST or None, request.FILES or None)
        result = None
        if request.method == "POST" and form.is_valid():
            try:
                result = services.subscribers_import(
                    content=form.cleaned_data["file"].read(),
                    source=form.cleaned_data["source"],
                    dry_run=form.cleaned_data["dry_run"],
                    actor=request.user,
                )
            except services.NewsletterError as exc:
                form.add_error("file", exc.message)
            else:
                if not result.dry_run:
                    self.message_user(
                        request,
                        gettext(
                            "Imported: %(created)d new, %(updated)d changed, %(merged)d merged, "
                            "%(errors)d rows skipped."
                        )
                        % {
                            "created": result.created,
                            "updated": result.updated,
                            "merged": result.merged,
                            "errors": len(result.errors),
                        },
                    )
        return TemplateResponse(
            request,
            "admin/newsletter/subscriber/import.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": gettext("Import subscribers"),
                "form": form,
                "result": result,
            },
        )

    def export_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        return streaming_csv_response(
            rows=selectors.subscriber_export_rows(),
            filename="newsletter-subscribers.csv",
            dialect=dialect_from(request),
        )


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["campaign", "subscriber", "language", "state", "reason", "sent_at"]
    list_filter = ["state", "language", "campaign"]
    list_select_related = ["campaign", "subscriber"]
    search_fields = ["subscriber__email"]
    readonly_fields = [
        "campaign",
        "subscriber",
        "mail",
        "language",
        "state",
        "reason",
        "sent_at",
        "created_at",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(WelcomeMessage)
class WelcomeMessageAdmin(TranslationAdmin):
    list_display = ["subject", "active", "updated_at"]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not WelcomeMessage.objects.exists()

    def save_model(self, request, obj, form, change):
        services.welcome_message_save(welcome=obj, actor=request.user, changed=form.changed_data)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(TrackingEvent)
class TrackingEventAdmin(ServiceOwnedRecord, admin.ModelAdmin):
    list_display = ["received_at", "esp", "event_type", "recipient", "subscriber"]
    list_filter = ["event_type", "esp"]
    list_select_related = ["subscriber"]
    search_fields = ["recipient", "message_id"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
