from django.contrib import admin

from kpi import services
from kpi.models import Target


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ["measure", "value", "valid_from", "valid_to", "note"]
    list_filter = ["measure"]
    fields = ["measure", "value", "valid_from", "valid_to", "note"]

    def save_model(self, request, obj, form, change):
        services.target_save(target=obj, actor=request.user, changed=form.changed_data if change else None)


# The admin's front page shows what waits for the coordinators (templates/admin/kpi/index.html).
admin.site.index_template = "admin/kpi/index.html"
