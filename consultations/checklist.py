"""The 2011 checklist for a review of an ALMO's future, as data.

From the Department for Communities and Local Government's guidance on councils taking ALMO housing management
back in-house (2011; seed 002), paragraphs 9 to 28. Each entry is (key, text, paragraph, required). The only
items that are not required are the two the guidance words as "could" or "if": an Independent Tenant Adviser,
and funding for the ALMO where the council backs it.
"""

ITEMS = [
    (
        "at_least_as_rigorous",
        "The test of opinion is at least as rigorous as the one used to create the ALMO: a ballot if a ballot "
        "was used then",
        "paragraphs 9, 12 and 28",
        True,
    ),
    ("department_notified", "The Department has been told about the review early in the process", "paragraph 15", True),
    ("information_impartial", "Information given to tenants is accurate and impartial", "paragraph 17", True),
    (
        "every_tenant_a_say",
        "Every tenant has a say in the final decision, through a ballot or another comprehensive consultation",
        "paragraph 18",
        True,
    ),
    (
        "externally_overseen",
        "The process is overseen by an external organisation, so it is fair and valid",
        "paragraph 18",
        True,
    ),
    ("ita_offered", "Tenants have been offered an Independent Tenant Adviser", "paragraph 18", False),
    (
        "tenants_shape_options",
        "Tenants shape the options and are consulted from the outset",
        "paragraph 19",
        True,
    ),
    (
        "tenants_on_project_group",
        "Tenants have been offered places on the project group and can scrutinise the council's process",
        "paragraph 19",
        True,
    ),
    (
        "aims_public",
        "The aims, timescales, process and decision criteria are set out and publicly available",
        "paragraph 20",
        True,
    ),
    (
        "cost_benefit_risk",
        "A full cost-benefit and risk assessment has been done, preferably validated externally",
        "paragraph 21",
        True,
    ),
    (
        "pros_cons_impact",
        "The pros and cons of each option, the impact on residents and the reasons for the recommendation are set out",
        "paragraph 22",
        True,
    ),
    (
        "almo_contributes",
        "The ALMO board and staff have been able to contribute fully to the review",
        "paragraphs 23 and 24",
        True,
    ),
    (
        "funding_identified",
        "If the council backs the ALMO's future, its funding is identified and the council's decision is in the "
        "consultation material",
        "paragraph 27",
        False,
    ),
]
