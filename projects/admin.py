"""Coordinators start projects from funded applications, keep the report schedule and check the reports;
the ministry's views (legislative development needs, grants against reported costs) live here too."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from core.csv_export import dialect_from, streaming_csv_response
from funding.formatting import format_money, format_percent
from funding.selectors import funded_applications
from members.selectors import contact_persons_of_organisation
from projects import selectors, services
from projects.enums import ReportStatus
from projects.forms import NeedFilterForm, ReviewForm
from projects.models import Milestone, Project, Report, ReportDeadline
from projects.services import ProjectError

MINISTRY_PERMISSION = "projects.view_ministry_views"


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 1
    fields = ["order", "title", "due_date"]


class ProjectForm(forms.ModelForm):
    class Meta:
        model = Project
        fields = [
            "start_date",
            "end_date",
            "contact_persons",
            "research_project",
            "research_note",
            "public_title",
            "public_summary",
            "public_results",
            "public_lessons",
        ]

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", gettext("The project cannot end before it starts."))
        return data


@admin.register(Project)
class ProjectAdmin(TranslationAdmin):
    form = ProjectForm
    list_display = [
        "public_title",
        "organisation",
        "call",
        "granted",
        "share_display",
        "research_project",
        "published",
    ]
    list_filter = ["published", "research_project", "application__call"]
    list_select_related = ["application__organisation", "application__call"]
    search_fields = ["public_title", "application__project_name", "application__organisation__name"]
    readonly_fields = [
        "application",
        "granted",
        "share_display",
        "published",
        "published_at",
        "implementation",
    ]
    filter_horizontal = ["contact_persons"]
    inlines = [MilestoneInline]
    actions = ["publish_selected"]
    change_list_template = "admin/projects/project/change_list.html"
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "application",
                    "granted",
                    "share_display",
                    "start_date",
                    "end_date",
                    "contact_persons",
                ]
            },
        ),
        (_("Research project"), {"fields": ["research_project", "research_note"]}),
        (
            _("Public page"),
            {
                "fields": [
                    "public_title",
                    "public_summary",
                    "public_results",
                    "public_lessons",
                    "published",
                    "published_at",
                    "implementation",
                ]
            },
        ),
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("lead organisation"), ordering="application__organisation__name")
    def organisation(self, obj):
        return obj.application.organisation

    @admin.display(description=_("funding call"), ordering="application__call__opens_at")
    def call(self, obj):
        return obj.application.call

    @admin.display(description=_("funding granted"), ordering="granted_amount")
    def granted(self, obj):
        return format_money(obj.granted_amount)

    @admin.display(description=_("funding share"), ordering="share")
    def share_display(self, obj):
        return format_percent(obj.share)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "contact_persons":
            project_id = request.resolver_match.kwargs.get("object_id") if request.resolver_match else None
            organisation_id = None
            if project_id:
                project = Project.objects.filter(pk=project_id).select_related("application").first()
                if project:
                    organisation_id = project.application.organisation_id
            kwargs["queryset"] = contact_persons_of_organisation(organisation_id=organisation_id)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        fields = {
            name: form.cleaned_data[name] for name in services.PROJECT_FIELDS if name in form.cleaned_data
        }
        try:
            services.project_update(
                project=obj,
                actor=request.user,
                fields=fields,
                contact_persons=list(form.cleaned_data["contact_persons"]),
            )
        except ProjectError as exc:
            self.message_user(request, exc.message, messages.ERROR)

    def save_related(self, request, form, formsets, change):
        # The contact persons were set by the service; only the milestones are saved here.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    @admin.action(
        description=_("Publish the selected projects (and their AI implementations)"), permissions=["change"]
    )
    def publish_selected(self, request, queryset):
        done = 0
        for project in queryset:
            try:
                services.project_publish(project=project, actor=request.user)
            except ProjectError as exc:
                self.message_user(request, f"{project}: {exc.message}", messages.ERROR)
            else:
                done += 1
        if done:
            self.message_user(
                request,
                ngettext("%(count)d project published.", "%(count)d projects published.", done)
                % {"count": done},
            )

    # --- Extra pages ---------------------------------------------------------------------

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("start/", wrap(self.start_view), name="projects_project_start"),
            path("ministry/needs/", wrap(self.needs_view), name="projects_ministry_needs"),
            path("ministry/needs.csv", wrap(self.needs_csv_view), name="projects_ministry_needs_csv"),
            path("ministry/overview/", wrap(self.overview_view), name="projects_ministry_overview"),
            *super().get_urls(),
        ]

    def _context(self, request, title: str, **extra):
        return {**self.admin_site.each_context(request), "opts": self.model._meta, "title": title, **extra}

    def start_view(self, request):
        """Start projects from funded applications that have none yet."""
        if not request.user.has_perm("projects.add_project"):
            raise PermissionDenied
        waiting = list(
            funded_applications()
            .filter(project__isnull=True)
            .select_related("organisation", "call")
            .order_by("call__opens_at", "project_name", "id")
        )
        if request.method == "POST":
            chosen = {int(pk) for pk in request.POST.getlist("application") if pk.isdigit()}
            created = 0
            for application in waiting:
                if application.pk not in chosen:
                    continue
                try:
                    services.project_create_from_application(application=application, actor=request.user)
                except ProjectError as exc:
                    self.message_user(request, exc.message, messages.ERROR)
                else:
                    created += 1
            if created:
                self.message_user(
                    request,
                    ngettext("%(count)d project started.", "%(count)d projects started.", created)
                    % {"count": created},
                )
            return redirect(reverse("admin:projects_project_changelist"))
        return TemplateResponse(
            request,
            "admin/projects/project/start.html",
            self._context(request, gettext("Start projects from funded applications"), applications=waiting),
        )

    def _check_ministry(self, request):
        if not request.user.has_perm(MINISTRY_PERMISSION):
            raise PermissionDenied

    def needs_view(self, request):
        self._check_ministry(request)
        form = NeedFilterForm(request.GET or None)
        needs = list(selectors.legislative_needs(**form.filters()))
        return TemplateResponse(
            request,
            "admin/projects/ministry/needs.html",
            self._context(
                request,
                gettext("Legislative development needs"),
                form=form,
                needs=needs,
                query=request.GET.urlencode(),
            ),
        )

    def needs_csv_view(self, request):
        self._check_ministry(request)
        form = NeedFilterForm(request.GET or None)
        rows = selectors.legislative_need_rows(selectors.legislative_needs(**form.filters()))
        return streaming_csv_response(
            rows=rows, filename="legislative-development-needs.csv", dialect=dialect_from(request)
        )

    def overview_view(self, request):
        self._check_ministry(request)
        return TemplateResponse(
            request,
            "admin/projects/ministry/overview.html",
            self._context(
                request, gettext("Funded projects: reports and costs"), figures=selectors.projects_overview()
            ),
        )


@admin.register(ReportDeadline)
class ReportDeadlineAdmin(TranslationAdmin):
    list_display = ["title", "call", "kind", "due_date", "reminder_days"]
    list_filter = ["kind", "call"]
    list_select_related = ["call"]
    fields = ["call", "kind", "title", "due_date", "reminder_days"]

    def save_model(self, request, obj, form, change):
        services.report_deadline_save(deadline=obj, actor=request.user)


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["__str__", "project", "deadline", "due_date", "status", "submitted_at"]
    list_filter = ["status", "deadline__kind", "deadline__call"]
    list_select_related = ["project", "deadline"]
    search_fields = ["project__public_title", "project__application__organisation__name"]
    actions = ["accept_selected"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]

    @admin.display(description=_("due date"), ordering="deadline__due_date")
    def due_date(self, obj):
        return obj.deadline.due_date

    def change_view(self, request, object_id, form_url="", extra_context=None):
        report = self.get_object(request, unquote(object_id))
        if report is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        return redirect(reverse("admin:projects_report_review", args=[report.pk]))

    @admin.action(description=_("Accept the selected submitted reports"), permissions=["change"])
    def accept_selected(self, request, queryset):
        done = 0
        for report in queryset.filter(status=ReportStatus.SUBMITTED):
            try:
                services.report_accept(report=report, actor=request.user)
            except ProjectError as exc:
                self.message_user(request, f"{report}: {exc.message}", messages.ERROR)
            else:
                done += 1
        self.message_user(
            request,
            ngettext("%(count)d report accepted.", "%(count)d reports accepted.", done) % {"count": done},
        )

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/review/", wrap(self.review_view), name="projects_report_review"),
            *super().get_urls(),
        ]

    def review_view(self, request, pk: int):
        report = get_object_or_404(
            Report.objects.select_related(
                "project__application__organisation", "project__application__call", "deadline", "submitted_by"
            ),
            pk=pk,
        )
        if not self.has_view_permission(request, report):
            raise PermissionDenied
        form = ReviewForm(request.POST or None)
        if request.method == "POST":
            if not self.has_change_permission(request, report):
                raise PermissionDenied
            if form.is_valid():
                action = request.POST.get("action")
                try:
                    if action == "accept":
                        services.report_accept(
                            report=report, actor=request.user, comment=form.cleaned_data["comment"]
                        )
                        self.message_user(
                            request, gettext("The report was accepted and the project informed.")
                        )
                    elif action == "return":
                        services.report_return(
                            report=report, actor=request.user, comment=form.cleaned_data["comment"]
                        )
                        self.message_user(request, gettext("The report was returned to the project."))
                    else:
                        raise PermissionDenied
                except ProjectError as exc:
                    form.add_error("comment", exc.message)
                else:
                    return redirect(reverse("admin:projects_report_changelist"))
        content = selectors.report_content(report)
        return TemplateResponse(
            request,
            "admin/projects/report/review.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": gettext("Report: %(report)s") % {"report": report},
                "report": report,
                "content": content,
                "progress": [(m, content.progress.get(m.pk)) for m in content.milestones],
                "costs": [(line, content.costs.get(line.pk)) for line in content.budget_lines],
                "form": form,
                "can_review": report.status == ReportStatus.SUBMITTED
                and self.has_change_permission(request, report),
            },
        )
