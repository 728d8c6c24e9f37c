from rest_framework import serializers

from organisations.models import Almo, Council


class CouncilSerializer(serializers.ModelSerializer):
    class Meta:
        model = Council
        fields = ["id", "name", "slug", "ons_code", "kind", "region"]


class AlmoSerializer(serializers.ModelSerializer):
    council_name = serializers.CharField(source="council.name", read_only=True)

    class Meta:
        model = Almo
        fields = [
            "id",
            "name",
            "slug",
            "council",
            "council_name",
            "status",
            "homes_managed",
            "leaseholds_managed",
            "stock_coverage",
            "origin",
            "programme_round",
            "section_27_consent_date",
            "agreement_start",
            "agreement_end",
        ]
