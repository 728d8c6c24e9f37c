"""Every HRA and Decent Homes page's route, in the hra namespace."""

from django.urls import path

from hra.views import accounts, allocations, decent_homes, imports, investment

app_name = "hra"

urlpatterns = [
    path("", accounts.index, name="index"),
    # The HRA year and its lines
    path("years/new/", accounts.year_create, name="year_create"),
    path("years/<int:pk>/", accounts.year_detail, name="year_detail"),
    path("years/<int:pk>/edit/", accounts.year_edit, name="year_edit"),
    path("years/<int:pk>/lines/new/", accounts.line_create, name="line_create"),
    path("years/<int:pk>/import/", imports.lines_import, name="lines_import"),
    path("lines/<int:pk>/", accounts.line_detail, name="line_detail"),
    path("lines/<int:pk>/report/", accounts.line_report, name="line_report"),
    path("lines/<int:pk>/edit/", accounts.line_edit, name="line_edit"),
    path("lines/<int:pk>/remove/", accounts.line_remove, name="line_remove"),
    # Allocation agreements and capital receipts
    path("years/<int:pk>/allocations/new/", allocations.allocation_create, name="allocation_create"),
    path("allocations/<int:pk>/", allocations.allocation_detail, name="allocation_detail"),
    path("allocations/<int:pk>/edit/", allocations.allocation_edit, name="allocation_edit"),
    path("allocations/<int:pk>/agree/", allocations.allocation_agree, name="allocation_agree"),
    path("allocations/<int:pk>/receipts/new/", allocations.receipt_create, name="receipt_create"),
    # Decent Homes
    path("programmes/new/", decent_homes.programme_create, name="programme_create"),
    path("programmes/<int:pk>/", decent_homes.programme_detail, name="programme_detail"),
    path("programmes/<int:pk>/edit/", decent_homes.programme_edit, name="programme_edit"),
    path("programmes/<int:pk>/agree/", decent_homes.programme_agree, name="programme_agree"),
    path("programmes/<int:pk>/import/", imports.spend_import, name="spend_import"),
    path("programmes/<int:pk>/reprofile/", decent_homes.reprofile_propose, name="reprofile_propose"),
    path("programme-quarters/<int:pk>/report/", decent_homes.quarter_report, name="quarter_report"),
    path("reprofiles/<int:pk>/", decent_homes.reprofile_detail, name="reprofile_detail"),
    path("stock/new/", decent_homes.stock_create, name="stock_create"),
    path("stock/<int:pk>/", decent_homes.stock_detail, name="stock_detail"),
    path("stock/<int:pk>/edit/", decent_homes.stock_edit, name="stock_edit"),
    # The thirty-year investment plan
    path("investment/new/", investment.investment_create, name="investment_create"),
    path("investment/<int:pk>/", investment.investment_detail, name="investment_detail"),
    path("investment/<int:pk>/archetypes/new/", investment.archetype_add, name="archetype_add"),
    path("investment/<int:pk>/resources/new/", investment.resource_add, name="resource_add"),
    path("archetypes/<int:pk>/components/new/", investment.component_add, name="component_add"),
    path("investment-parts/<str:kind>/<int:pk>/remove/", investment.part_remove, name="part_remove"),
]
