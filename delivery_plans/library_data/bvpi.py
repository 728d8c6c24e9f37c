"""The former Best Value Performance Indicators for council housing (the ALMO era)."""

from delivery_plans.library_data.spec import SATISFIED, IndicatorSpec

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
        numerator=SATISFIED,
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
        numerator=SATISFIED,
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
