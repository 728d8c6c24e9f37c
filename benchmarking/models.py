"""Peer groups: the sets of ALMOs a landlord's results are compared with, in the HouseMark manner."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from organisations.access import ADMINISTRATOR, ScopedQuerySet
from organisations.models import Almo, Region


class PeerGroupQuerySet(ScopedQuerySet):
    """Peer groups are shared reference data: anyone signed in reads them; only the portal's administrators change them.

    Reading a group never shows its members' records: those still go through each record's own access rule.
    """

    almo_path = None
    council_path = None
    everyone_reads = True
    write_parties = {"change": ADMINISTRATOR}


class PeerGroup(models.Model):
    """A peer group defined by a rule (every ALMO, a stock size band, a region), so its members stay current."""

    class Kind(models.TextChoices):
        ALL = "all", "All ALMOs"
        STOCK_SIZE = "stock_size", "By stock size"
        REGION = "region", "By region"

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    min_homes = models.PositiveIntegerField(
        null=True, blank=True, help_text="For a stock size band: the fewest tenanted homes a member manages."
    )
    max_homes = models.PositiveIntegerField(
        null=True, blank=True, help_text="For a stock size band: the most tenanted homes a member manages."
    )
    region = models.CharField(
        max_length=20, choices=Region.choices, blank=True, help_text="For a regional group: the councils' region."
    )
    description = models.TextField(blank=True)

    objects = PeerGroupQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="stock_size") | Q(min_homes__isnull=False) | Q(max_homes__isnull=False),
                name="peer_group_band_has_a_limit",
                violation_error_message="A stock size band needs the fewest homes, the most homes, or both.",
            ),
            models.CheckConstraint(
                condition=Q(min_homes__isnull=True)
                | Q(max_homes__isnull=True)
                | Q(max_homes__gte=models.F("min_homes")),
                name="peer_group_band_in_order",
                violation_error_message="The most homes must be at least the fewest homes.",
            ),
            models.CheckConstraint(
                condition=~Q(kind="region") | ~Q(region=""),
                name="peer_group_region_chosen",
                violation_error_message="Choose the region for a regional peer group.",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.kind != self.Kind.STOCK_SIZE and (self.min_homes is not None or self.max_homes is not None):
            raise ValidationError({"min_homes": "Only a stock size band has a number of homes."})
        if self.kind != self.Kind.REGION and self.region:
            raise ValidationError({"region": "Only a regional peer group has a region."})

    @property
    def rule(self) -> str:
        """The rule in words, for pages and exports."""
        if self.kind == self.Kind.STOCK_SIZE:
            if self.min_homes is not None and self.max_homes is not None:
                return f"ALMOs managing {self.min_homes:,} to {self.max_homes:,} homes"
            if self.min_homes is not None:
                return f"ALMOs managing {self.min_homes:,} homes or more"
            return f"ALMOs managing {self.max_homes:,} homes or fewer"
        if self.kind == self.Kind.REGION:
            return f"ALMOs of councils in {self.get_region_display()}"
        return "Every ALMO"

    def members(self):
        """The ALMOs the rule takes in today. For statistics only: list them to a person only through `restrict`."""
        almos = Almo.objects.all()
        if self.kind == self.Kind.STOCK_SIZE:
            if self.min_homes is not None:
                almos = almos.filter(homes_managed__gte=self.min_homes)
            if self.max_homes is not None:
                almos = almos.filter(homes_managed__lte=self.max_homes)
        elif self.kind == self.Kind.REGION:
            almos = almos.filter(council__region=self.region)
        return almos

    @classmethod
    def everyone(cls) -> "PeerGroup":
        """The group used when none is asked for: every ALMO. Unsaved if the portal has not defined one."""
        return cls.objects.filter(kind=cls.Kind.ALL).order_by("pk").first() or cls(
            name="All ALMOs", slug="all-almos", kind=cls.Kind.ALL
        )
