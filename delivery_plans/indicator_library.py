"""The indicators the portal ships with.

The Regulator's Tenant Satisfaction Measures and the former housing Best Value Performance Indicators.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class IndicatorSpec:
    code: str  # e.g. "TP01", "RP02(1)", "CH01(2)", "BV66a"
    name: str  # the measure's name as DOMAIN.md gives it
    definition: str  # one to three plain-English sentences: what is counted, who is in the base, exclusions
    unit: str  # "percentage", "count", "rate_per_1000", "days", "pounds", "sap_points" or "yes_no"
    polarity: str  # "higher", "lower" or "neither"
    numerator: str = ""  # what the numerator counts, where the value is a ratio; "" otherwise
    denominator: str = ""  # what the denominator counts; "" otherwise
    multiplier: int = 1  # value = numerator / denominator * multiplier (100 for %, 1000 per 1,000 homes)
    reporting_level: str = ""  # TSMs: "lcra", "lcho", "lcra_lcho" or "combined"; "" for non-TSMs
    source: str = "tsm"  # "tsm" or "bvpi"
    frequency: str = "annual"  # "annual", "quarterly" or "monthly"
    decimal_places: int = 1
    group: str = ""  # a short theme heading
    may_be_negative: bool = False  # a change between two figures, which can fall as well as rise


UNITS = frozenset({"percentage", "count", "rate_per_1000", "days", "pounds", "sap_points", "yes_no"})
POLARITIES = frozenset({"higher", "lower", "neither"})
REPORTING_LEVELS = frozenset({"", "lcra", "lcho", "lcra_lcho", "combined"})
SOURCES = frozenset({"tsm", "bvpi"})
FREQUENCIES = frozenset({"annual", "quarterly", "monthly"})


# ---------------------------------------------------------------------------------------------------------
# Tenant Satisfaction Measures (Regulator of Social Housing, in force since 1 April 2023)
# ---------------------------------------------------------------------------------------------------------

_SATISFIED = "Respondents very or fairly satisfied"
_AGREE = "Respondents who strongly agree or agree"
_ALL_ANSWERED = "Respondents who answered the question on the five-point scale"
_EXCLUDED = 'Respondents who said "don\'t know" or left the question blank are left out of the base.'

_PERCEPTION_MEASURES: tuple[IndicatorSpec, ...] = (
    IndicatorSpec(
        code="TP01",
        name="Overall satisfaction",
        definition=(
            "Percentage of tenant survey respondents who are very or fairly satisfied with the overall "
            "service from their landlord. The base is every respondent who answered on the five-point scale. "
            + _EXCLUDED
        ),
        unit="percentage",
        polarity="higher",
        numerator=_SATISFIED,
        denominator=_ALL_ANSWERED,
        multiplier=100,
        reporting_level="lcra_lcho",
        group="Perception: overall",
    ),
    IndicatorSpec(
        code="TP02",
        name="Satisfaction with repairs",
        definition=(
            "Percentage of respondents who had a repair in the last 12 months who are very or fairly "
            "satisfied with the overall repairs service. Only respondents who answered yes to having had a "
            "repair are asked. " + _EXCLUDED
        ),
        unit="percentage",
        polarity="higher",
        numerator=_SATISFIED,
        denominator=(
            "Respondents who had a repair in the last 12 months and answered the question on the five-point scale"
        ),
        multiplier=100,
        reporting_level="lcra",
        group="Perception: repairs",
    ),
    IndicatorSpec(
        code="TP03",
        name="Satisfaction with time taken to complete most recent repair",
        definition=(
            "Percentage of respondents who had a repair in the last 12 months who are very or fairly "
            "satisfied with the time taken to complete their most recent repair. Only respondents who "
            "answered yes to having had a repair are asked. " + _EXCLUDED
        ),
        unit="percentage",
        polarity="higher",
        numerator=_SATISFIED,
        denominator=(
            "Respondents who had a repair in the last 12 months and answered the question on the five-point scale"
        ),
        multiplier=100,
        reporting_level="lcra",
        group="Perception: repairs",
    ),
    IndicatorSpec(
        code="TP04",
        name="Satisfaction that the home is well maintained",
        definition=(
            "Percentage of respondents who are very or fairly satisfied that their home is well maintained. "
            "The base is every respondent who answered on the five-point scale. " + _EXCLUDED
        ),
        unit="percentage",
        polarity="higher",
        numerator=_SATISFIED,
        denominator=_ALL_ANSWERED,
        multiplier=100,
        reporting_level="lcra",
        group="Perception: repairs",
    ),
    IndicatorSpec(
        code="TP05",
        name="Satisfaction that the home is safe",
        definition=(
            "Percentage of respondents who are very or fairly satisfied that their home is safe. "
            "The base is every respondent who answered on the five-point scale. " + _EXCLUDED
        ),
        unit="percentage",
        polarity="higher",
        numerator=_SATISFIED,
        denominator=_ALL_ANSWERED,
        multiplier=100,
        reporting_level="lcra_lcho",
        group="Perception: building safety",
    ),
    IndicatorSpec(
        code="TP06",
        name="Satisfaction that the landlord listens to tenant views and acts upon them",
        definition=(
            "Percentage of respondents who are very or fairly satisfied that their landlord listens to "
            "tenant views and acts upon them. The base is every respondent who answered on the five-point "
            "scale. " + _EXCLUDED
        ),
        unit="percentage",
        polarity="higher",
        numerator=_SATISFIED,
        denominator=_ALL_ANSWERED,
        multiplier=100,
        reporting_level="lcra_lcho",
        group="Perception: engagement",
    ),
    IndicatorSpec(
        code="TP07",
        name="Satisfaction that the landlord keeps tenants informed about things that matter to them",
        definition=(
            "Percentage of respondents who are very or fairly satisfied that their landlord keeps them "
            "informed about things that matter to them. The base is every respondent who answered on the "
            "five-point scale. " + _EXCLUDED
        ),
        unit="percentage",
        polarity="higher",
        numerator=_SATISFIED,
        denominator=_ALL_ANSWERED,
        multiplier=100,
        reporting_level="lcra_lcho",
        group="Perception: engagement",
    ),
    IndicatorSpec(
        code="TP08",
        name="Agreement that the landlord treats tenants fairly and with respect",
        definition=(
            "Percentage of respondents who strongly agree or agree that their landlord treats them fairly "
            "and with respect. The base is every respondent who answered on the five-point agreement scale "
            "(strongly agree to strongly disagree). " + _EXCLUDED
        ),
        unit="percentage",
        polarity="higher",
        numerator=_AGREE,
        denominator="Respondents who answered the question on the five-point agreement scale",
        multiplier=100,
        reporting_level="lcra_lcho",
        group="Perception: engagement",
    ),
    IndicatorSpec(
        code="TP09",
        name="Satisfaction with the landlord's approach to handling complaints",
        definition=(
            "Percentage of respondents who made a complaint in the last 12 months who are very or fairly "
            "satisfied with their landlord's approach to handling complaints. Only respondents who answered "
            "yes to having made a complaint are asked. " + _EXCLUDED
        ),
        unit="percentage",
        polarity="higher",
        numerator=_SATISFIED,
        denominator=(
            "Respondents who made a complaint in the last 12 months and answered the question on the five-point scale"
        ),
        multiplier=100,
        reporting_level="lcra_lcho",
        group="Perception: complaints",
    ),
    IndicatorSpec(
        code="TP10",
        name="Satisfaction that the landlord keeps communal areas clean and well maintained",
        definition=(
            "Percentage of respondents living in a building with communal areas the landlord maintains who "
            "are very or fairly satisfied that those areas are kept clean and well maintained. Respondents "
            "without such communal areas are not asked. " + _EXCLUDED
        ),
        unit="percentage",
        polarity="higher",
        numerator=_SATISFIED,
        denominator=(
            "Respondents who live in a building with communal areas the landlord maintains and answered "
            "the question on the five-point scale"
        ),
        multiplier=100,
        reporting_level="lcra_lcho",
        group="Perception: neighbourhood",
    ),
    IndicatorSpec(
        code="TP11",
        name="Satisfaction that the landlord makes a positive contribution to neighbourhoods",
        definition=(
            "Percentage of respondents who are very or fairly satisfied that their landlord makes a positive "
            "contribution to their neighbourhood. The base is every respondent who answered on the "
            "five-point scale. " + _EXCLUDED
        ),
        unit="percentage",
        polarity="higher",
        numerator=_SATISFIED,
        denominator=_ALL_ANSWERED,
        multiplier=100,
        reporting_level="lcra_lcho",
        group="Perception: neighbourhood",
    ),
    IndicatorSpec(
        code="TP12",
        name="Satisfaction with the landlord's approach to handling anti-social behaviour",
        definition=(
            "Percentage of respondents who are very or fairly satisfied with their landlord's approach to "
            "handling anti-social behaviour. The base is every respondent who answered on the five-point "
            "scale, whether or not they have reported anti-social behaviour. " + _EXCLUDED
        ),
        unit="percentage",
        polarity="higher",
        numerator=_SATISFIED,
        denominator=_ALL_ANSWERED,
        multiplier=100,
        reporting_level="lcra_lcho",
        group="Perception: neighbourhood",
    ),
)

_SNAPSHOT = "Measured at 31 March for the homes owned then."

_MANAGEMENT_INFORMATION_MEASURES: tuple[IndicatorSpec, ...] = (
    IndicatorSpec(
        code="RP01",
        name="Homes that do not meet the Decent Homes Standard",
        definition=(
            "Percentage of the homes the landlord owns at 31 March that do not meet the Decent Homes "
            "Standard. Homes where the tenant has refused the work still count as non-decent."
        ),
        unit="percentage",
        polarity="lower",
        numerator="Homes that do not meet the Decent Homes Standard at year end",
        denominator="Homes owned at year end",
        multiplier=100,
        reporting_level="combined",
        group="Decent Homes",
    ),
    IndicatorSpec(
        code="RP02(1)",
        name="Non-emergency responsive repairs completed within the landlord's target timescale",
        definition=(
            "Percentage of non-emergency responsive repairs completed in the year that were completed within "
            "the landlord's own target timescale. Repairs not yet completed are left out, and emergency "
            "repairs are counted in RP02(2)."
        ),
        unit="percentage",
        polarity="higher",
        numerator="Non-emergency responsive repairs completed within the landlord's target timescale",
        denominator="Non-emergency responsive repairs completed",
        multiplier=100,
        reporting_level="lcra",
        frequency="quarterly",
        group="Repairs",
    ),
    IndicatorSpec(
        code="RP02(2)",
        name="Emergency responsive repairs completed within the landlord's target timescale",
        definition=(
            "Percentage of emergency responsive repairs completed in the year that were completed within the "
            "landlord's own target timescale for emergencies. Repairs not yet completed are left out."
        ),
        unit="percentage",
        polarity="higher",
        numerator="Emergency responsive repairs completed within the landlord's target timescale",
        denominator="Emergency responsive repairs completed",
        multiplier=100,
        reporting_level="lcra",
        frequency="quarterly",
        group="Repairs",
    ),
    IndicatorSpec(
        code="BS01",
        name="Gas safety checks",
        definition=(
            "Percentage of homes needing gas safety checks for which all the required checks have been "
            "carried out. Homes with no gas supply or appliances are left out of the base. " + _SNAPSHOT
        ),
        unit="percentage",
        polarity="higher",
        numerator="Homes for which all required gas safety checks have been carried out",
        denominator="Homes for which gas safety checks are required",
        multiplier=100,
        reporting_level="combined",
        frequency="quarterly",
        group="Building safety",
    ),
    IndicatorSpec(
        code="BS02",
        name="Fire safety checks (fire risk assessments)",
        definition=(
            "Percentage of homes needing a fire risk assessment for which all the required fire risk "
            "assessments have been carried out. It counts homes, not buildings: every home in a building "
            "counts towards the result. " + _SNAPSHOT
        ),
        unit="percentage",
        polarity="higher",
        numerator="Homes for which all required fire risk assessments have been carried out",
        denominator="Homes for which fire risk assessments are required",
        multiplier=100,
        reporting_level="combined",
        frequency="quarterly",
        group="Building safety",
    ),
    IndicatorSpec(
        code="BS03",
        name="Asbestos safety checks",
        definition=(
            "Percentage of homes needing asbestos management surveys or re-inspections for which all the "
            "required surveys or re-inspections have been carried out. " + _SNAPSHOT
        ),
        unit="percentage",
        polarity="higher",
        numerator="Homes for which all required asbestos management surveys or re-inspections have been done",
        denominator="Homes for which asbestos management surveys or re-inspections are required",
        multiplier=100,
        reporting_level="combined",
        frequency="quarterly",
        group="Building safety",
    ),
    IndicatorSpec(
        code="BS04",
        name="Water safety checks (legionella)",
        definition=(
            "Percentage of homes needing a legionella risk assessment for which all the required "
            "assessments have been carried out. " + _SNAPSHOT
        ),
        unit="percentage",
        polarity="higher",
        numerator="Homes for which all required legionella risk assessments have been carried out",
        denominator="Homes for which legionella risk assessments are required",
        multiplier=100,
        reporting_level="combined",
        frequency="quarterly",
        group="Building safety",
    ),
    IndicatorSpec(
        code="BS05",
        name="Lift safety checks (communal passenger lifts)",
        definition=(
            "Percentage of homes served by communal passenger lifts for which all the required lift safety "
            "checks have been carried out. Homes without a communal passenger lift are left out of the "
            "base. " + _SNAPSHOT
        ),
        unit="percentage",
        polarity="higher",
        numerator="Homes for which all required communal passenger lift safety checks have been carried out",
        denominator="Homes for which communal passenger lift safety checks are required",
        multiplier=100,
        reporting_level="combined",
        frequency="quarterly",
        group="Building safety",
    ),
    IndicatorSpec(
        code="CH01(1)",
        name="Stage 1 complaints received per 1,000 homes",
        definition=(
            "Stage 1 complaints received in the year for every 1,000 homes owned at 31 March, reported "
            "separately for each tenure. Neither high nor low is better in itself: a low rate can mean "
            "complaints are not being recorded."
        ),
        unit="rate_per_1000",
        polarity="neither",
        numerator="Stage 1 complaints received in the year",
        denominator="Homes owned at year end of the relevant tenure (LCRA or LCHO)",
        multiplier=1000,
        reporting_level="lcra_lcho",
        group="Complaints",
    ),
    IndicatorSpec(
        code="CH01(2)",
        name="Stage 2 complaints received per 1,000 homes",
        definition=(
            "Stage 2 complaints received in the year for every 1,000 homes owned at 31 March, reported "
            "separately for each tenure. Neither high nor low is better in itself: a low rate can mean "
            "complaints are not being recorded or escalated."
        ),
        unit="rate_per_1000",
        polarity="neither",
        numerator="Stage 2 complaints received in the year",
        denominator="Homes owned at year end of the relevant tenure (LCRA or LCHO)",
        multiplier=1000,
        reporting_level="lcra_lcho",
        group="Complaints",
    ),
    IndicatorSpec(
        code="CH02(1)",
        name="Stage 1 complaints responded to within the Complaint Handling Code timescales",
        definition=(
            "Percentage of stage 1 complaints responded to in the year whose response was sent within the "
            "Housing Ombudsman's Complaint Handling Code timescales. Complaints still awaiting a response "
            "are left out."
        ),
        unit="percentage",
        polarity="higher",
        numerator="Stage 1 complaints responded to within the Complaint Handling Code timescales",
        denominator="Stage 1 complaints responded to in the year",
        multiplier=100,
        reporting_level="lcra_lcho",
        frequency="quarterly",
        group="Complaints",
    ),
    IndicatorSpec(
        code="CH02(2)",
        name="Stage 2 complaints responded to within the Complaint Handling Code timescales",
        definition=(
            "Percentage of stage 2 complaints responded to in the year whose response was sent within the "
            "Housing Ombudsman's Complaint Handling Code timescales. Complaints still awaiting a response "
            "are left out."
        ),
        unit="percentage",
        polarity="higher",
        numerator="Stage 2 complaints responded to within the Complaint Handling Code timescales",
        denominator="Stage 2 complaints responded to in the year",
        multiplier=100,
        reporting_level="lcra_lcho",
        frequency="quarterly",
        group="Complaints",
    ),
    IndicatorSpec(
        code="NM01(1)",
        name="Anti-social behaviour cases opened per 1,000 homes",
        definition=(
            "Anti-social behaviour cases opened in the year for every 1,000 homes owned at 31 March, across "
            "all tenures together. Neither high nor low is better in itself: a low rate can mean cases are "
            "not being recorded."
        ),
        unit="rate_per_1000",
        polarity="neither",
        numerator="Anti-social behaviour cases opened in the year",
        denominator="Homes owned at year end",
        multiplier=1000,
        reporting_level="combined",
        group="Anti-social behaviour",
    ),
    IndicatorSpec(
        code="NM01(2)",
        name="ASB cases that involve hate incidents opened per 1,000 homes",
        definition=(
            "Anti-social behaviour cases involving hate incidents opened in the year for every 1,000 homes "
            "owned at 31 March, across all tenures together. These cases are also counted in NM01(1)."
        ),
        unit="rate_per_1000",
        polarity="neither",
        numerator="Anti-social behaviour cases involving hate incidents opened in the year",
        denominator="Homes owned at year end",
        multiplier=1000,
        reporting_level="combined",
        group="Anti-social behaviour",
    ),
)

TENANT_SATISFACTION_MEASURES: tuple[IndicatorSpec, ...] = _PERCEPTION_MEASURES + _MANAGEMENT_INFORMATION_MEASURES


# ---------------------------------------------------------------------------------------------------------
# Former Best Value Performance Indicators for council housing (the ALMO era)
# ---------------------------------------------------------------------------------------------------------

BEST_VALUE_INDICATORS: tuple[IndicatorSpec, ...] = (
    IndicatorSpec(
        code="BV63",
        name="Average SAP energy rating of council dwellings",
        definition=(
            "The average Standard Assessment Procedure (SAP) energy rating across all council-owned "
            "dwellings, a measure of how energy efficient the homes are. Each dwelling's SAP rating is "
            "added up and divided by the number of dwellings."
        ),
        unit="sap_points",
        polarity="higher",
        source="bvpi",
        decimal_places=0,
        group="Energy efficiency",
    ),
    IndicatorSpec(
        code="BV66a",
        name="Rent collected as a percentage of rent owed on HRA dwellings",
        definition=(
            "Rent collected on Housing Revenue Account dwellings, including arrears collected, as a "
            "percentage of the rent due for the year plus the arrears brought forward from earlier years."
        ),
        unit="percentage",
        polarity="higher",
        numerator="Rent collected, including arrears collected",
        denominator="Rent due in the year, including arrears brought forward",
        multiplier=100,
        source="bvpi",
        frequency="quarterly",
        decimal_places=2,
        group="Rent and arrears",
    ),
    IndicatorSpec(
        code="BV66b",
        name="Tenants with more than seven weeks' rent arrears",
        definition=("Council tenants owing more than seven weeks' gross rent, as a percentage of all council tenants."),
        unit="percentage",
        polarity="lower",
        numerator="Council tenants with more than seven weeks' gross rent arrears",
        denominator="Council tenants",
        multiplier=100,
        source="bvpi",
        frequency="quarterly",
        group="Rent and arrears",
    ),
    IndicatorSpec(
        code="BV66c",
        name="Tenants in arrears served a Notice Seeking Possession",
        definition=(
            "Council tenants in rent arrears who were served a Notice Seeking Possession during the year, "
            "as a percentage of all council tenants."
        ),
        unit="percentage",
        polarity="lower",
        numerator="Council tenants in rent arrears served a Notice Seeking Possession in the year",
        denominator="Council tenants",
        multiplier=100,
        source="bvpi",
        group="Rent and arrears",
    ),
    IndicatorSpec(
        code="BV66d",
        name="Tenants evicted for rent arrears",
        definition=(
            "Council tenants evicted as a result of rent arrears during the year, as a percentage of all "
            "council tenants. Evictions for other reasons are not counted."
        ),
        unit="percentage",
        polarity="lower",
        numerator="Council tenants evicted for rent arrears in the year",
        denominator="Council tenants",
        multiplier=100,
        source="bvpi",
        group="Rent and arrears",
    ),
    IndicatorSpec(
        code="BV74a",
        name="Tenant satisfaction with the overall landlord service",
        definition=(
            "Percentage of council tenants responding to the tenant satisfaction (STATUS) survey who are "
            "very or fairly satisfied with the overall service provided by their landlord. Respondents who "
            "did not answer the question are left out of the base."
        ),
        unit="percentage",
        polarity="higher",
        numerator=_SATISFIED,
        denominator="Survey respondents who answered the question",
        multiplier=100,
        source="bvpi",
        group="Satisfaction",
    ),
    IndicatorSpec(
        code="BV75a",
        name="Satisfaction with opportunities for participation in management and decision making",
        definition=(
            "Percentage of council tenants responding to the tenant satisfaction (STATUS) survey who are "
            "very or fairly satisfied with their opportunities to take part in the management of, and "
            "decision making about, the housing services their landlord provides. Respondents who did not "
            "answer the question are left out of the base."
        ),
        unit="percentage",
        polarity="higher",
        numerator=_SATISFIED,
        denominator="Survey respondents who answered the question",
        multiplier=100,
        source="bvpi",
        group="Satisfaction",
    ),
    IndicatorSpec(
        code="BV164",
        name=("Follows the CRE Code of Practice in rented housing and good practice standards on harassment"),
        definition=(
            "Whether the council follows the Commission for Racial Equality's Code of Practice in rented "
            "housing and the good practice standards for social landlords on tackling racial and other "
            "harassment. Answered yes or no."
        ),
        unit="yes_no",
        polarity="higher",
        source="bvpi",
        decimal_places=0,
        group="Equality",
    ),
    IndicatorSpec(
        code="BV184a",
        name="Council homes non-decent at 1 April",
        definition=(
            "Percentage of council homes that did not meet the Decent Homes Standard at 1 April, the start "
            "of the year. Homes where the tenant refused the work still count as non-decent."
        ),
        unit="percentage",
        polarity="lower",
        numerator="Non-decent council homes at 1 April",
        denominator="Council homes at 1 April",
        multiplier=100,
        source="bvpi",
        group="Decent Homes",
    ),
    IndicatorSpec(
        code="BV184b",
        name="Change in the proportion of non-decent homes during the year",
        definition=(
            "The fall in the proportion of council homes that are non-decent between 1 April and 31 March, "
            "so a positive value means fewer non-decent homes. It compares the start-of-year proportion "
            "(BV184a) with the end-of-year proportion."
        ),
        unit="percentage",
        polarity="higher",
        source="bvpi",
        group="Decent Homes",
        may_be_negative=True,
    ),
    IndicatorSpec(
        code="BV185",
        name="Non-emergency repairs where an appointment was made and kept",
        definition=(
            "Percentage of non-emergency responsive repairs for which the council both made and kept an "
            "appointment with the tenant. Emergency repairs are left out."
        ),
        unit="percentage",
        polarity="higher",
        numerator="Non-emergency responsive repairs for which an appointment was made and kept",
        denominator="Non-emergency responsive repairs completed",
        multiplier=100,
        source="bvpi",
        frequency="quarterly",
        group="Repairs",
    ),
    IndicatorSpec(
        code="BV211a",
        name="Planned repairs spend as a share of all responsive and planned repairs spend",
        definition=(
            "Spending on planned repairs and maintenance to council homes as a percentage of all spending on "
            "responsive and planned repairs and maintenance. A higher share means more work is planned "
            "rather than done in response to failures."
        ),
        unit="percentage",
        polarity="higher",
        numerator="Spending on planned repairs and maintenance",
        denominator="Spending on responsive and planned repairs and maintenance",
        multiplier=100,
        source="bvpi",
        group="Repairs",
    ),
    IndicatorSpec(
        code="BV211b",
        name="Emergency and urgent repairs spend as a share of responsive repairs spend",
        definition=(
            "Spending on emergency and urgent repairs to council homes as a percentage of all spending on "
            "responsive repairs. A lower share means fewer repairs have to be done at short notice."
        ),
        unit="percentage",
        polarity="lower",
        numerator="Spending on emergency and urgent responsive repairs",
        denominator="Spending on all responsive repairs",
        multiplier=100,
        source="bvpi",
        group="Repairs",
    ),
    IndicatorSpec(
        code="BV212",
        name="Average time to re-let council homes (excluding major-works voids)",
        definition=(
            "The average number of calendar days council homes relet in the period stood empty, from the end "
            "of one tenancy to the start of the next. Homes left empty for major works are left out."
        ),
        unit="days",
        polarity="lower",
        numerator="Total calendar days that relet homes were empty",
        denominator="Homes relet in the period",
        multiplier=1,
        source="bvpi",
        frequency="quarterly",
        group="Lettings",
    ),
)

INDICATOR_LIBRARY: tuple[IndicatorSpec, ...] = TENANT_SATISFACTION_MEASURES + BEST_VALUE_INDICATORS
