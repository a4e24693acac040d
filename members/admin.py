from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from members.models import CoordinationGroupSeat, Organisation, WelfareRegion


@admin.register(WelfareRegion)
class WelfareRegionAdmin(TranslationAdmin):
    list_display = ["name", "code", "order"]


@admin.register(Organisation)
class OrganisationAdmin(TranslationAdmin):
    list_display = ["name", "business_id", "type", "region", "status", "listed_publicly"]
    list_filter = ["status", "type", "region"]
    search_fields = ["name", "business_id"]
    list_select_related = ["region"]


@admin.register(CoordinationGroupSeat)
class CoordinationGroupSeatAdmin(admin.ModelAdmin):
    list_display = ["organisation", "order"]
    list_select_related = ["organisation"]
    autocomplete_fields = ["organisation"]
