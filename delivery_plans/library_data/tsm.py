"""The Regulator of Social Housing's Tenant Satisfaction Measures, in force since 1 April 2023."""

from delivery_plans.library_data.spec import SATISFIED, IndicatorSpec

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
        numerator=SATISFIED,
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
        numerator=SATISFIED,
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
        numerator=SATISFIED,
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
        numerator=SATISFIED,
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
        numerator=SATISFIED,
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
        numerator=SATISFIED,
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
        numerator=SATISFIED,
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
        numerator=SATISFIED,
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
        numerator=SATISFIED,
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
        numerator=SATISFIED,
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
        numerator=SATISFIED,
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
