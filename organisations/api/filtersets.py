import django_filters

from core.api.filters import IntegerFilter, PortalFilterSet
from organisations.models import Almo, Council, Region


class CouncilFilterSet(PortalFilterSet):
    slug = django_filters.CharFilter()
    ons_code = django_filters.CharFilter()
    kind = django_filters.ChoiceFilter(choices=Council.Kind.choices)
    region = django_filters.ChoiceFilter(choices=Region.choices)

    class Meta:
        model = Council
        fields = []


class AlmoFilterSet(PortalFilterSet):
    slug = django_filters.CharFilter()
    council = IntegerFilter(field_name="council_id")
    status = django_filters.ChoiceFilter(choices=Almo.Status.choices)
    region = django_filters.ChoiceFilter(field_name="council__region", choices=Region.choices)

    class Meta:
        model = Almo
        fields = []
