"""Every SLA page's route, in the slas namespace."""

from django.urls import path

from slas.views import disputes, register, standards, value

app_name = "slas"

urlpatterns = [
    # The register
    path("", register.sla_list, name="sla_list"),
    path("new/", register.sla_create, name="sla_create"),
    path("<int:pk>/", register.sla_detail, name="sla_detail"),
    path("<int:pk>/details/", register.sla_edit, name="sla_edit"),
    path("<int:pk>/terms/", register.terms_edit, name="terms_edit"),
    path("<int:pk>/agree/", register.terms_agree, name="terms_agree"),
    path("<int:pk>/renegotiate/", register.renegotiate, name="renegotiate"),
    path("<int:pk>/renegotiate/withdraw/", register.renegotiation_withdraw, name="renegotiation_withdraw"),
    path("<int:pk>/end/", register.sla_end, name="sla_end"),
    # Standards and performance
    path("<int:pk>/standards/new/", standards.standard_add, name="standard_add"),
    path("standards/<int:pk>/edit/", standards.standard_edit, name="standard_edit"),
    path("standards/<int:pk>/remove/", standards.standard_remove, name="standard_remove"),
    path("<int:pk>/performance/", standards.results_record, name="results_record"),
    # Value for money
    path("<int:pk>/benchmarks/new/", value.benchmark_add, name="benchmark_add"),
    path("benchmarks/<int:pk>/remove/", value.benchmark_remove, name="benchmark_remove"),
    # Disputes
    path("disputes/", disputes.dispute_list, name="dispute_list"),
    path("<int:pk>/disputes/new/", disputes.dispute_raise, name="dispute_raise"),
    path("disputes/<int:pk>/", disputes.dispute_detail, name="dispute_detail"),
]
