"""The frameworks the portal ships: the Housing Inspectorate's 2002 questions and the ALMO-era inspection areas.

Each is (code, name, source, description, areas), an area (code, title, questions), a question (code, text,
guidance, fair, good, excellent); descriptors may be empty. `load_frameworks` puts them in the database and brings
them up to date, so it runs from a migration and from the demo loader alike.
"""

from core.demo import upsert

HI_2002 = (
    "hi-2002",
    "Housing Inspectorate questions for councils and their ALMOs (2002)",
    "Housing Inspectorate advice for local authorities and their ALMOs, June 2002",
    "The questions inspectors asked about the relationship between the council and its ALMO, organisational and "
    "performance management, and user involvement.",
    [
        (
            "REL",
            "Relationship between the council and the ALMO",
            [
                (
                    "REL1",
                    "Are the council's corporate strategies being refined now the ALMO exists?",
                    "Best Value Performance Plans; Housing Investment Plans; crime and disorder, social inclusion and "
                    "anti-poverty; diversity, equality and black and minority ethnic issues.",
                ),
                (
                    "REL2",
                    "Have the council and the ALMO agreed who is responsible for what on strategic and operational "
                    "matters, and how are conflicts of interest kept down or resolved?",
                    "Business planning, risk and asset management and use of the HRA; data management and protection; "
                    "inspection and audit arrangements; best value and continuous improvement; a communications "
                    "protocol; personnel issues; health and safety.",
                ),
                (
                    "REL3",
                    "Are the links between the council's housing strategy, its HRA business plan and the ALMO's "
                    "business plan consistent and transparent, and fed into outcomes agreed with tenants?",
                    "",
                ),
                (
                    "REL4",
                    "Have the council and the ALMO agreed who prepares and maintains the Housing Revenue Account?",
                    "",
                ),
                (
                    "REL5",
                    "Is the council's role in reviewing the ALMO's performance against its business and delivery "
                    "plans clear, with procedures for poor performance or non-performance by either party?",
                    "",
                ),
                ("REL6", "Is the Delivery Plan clear and focused on both national and local objectives?", ""),
                (
                    "REL7",
                    "Is there an effective way to report variances to the Delivery Plan and amend it by joint "
                    "agreement?",
                    "",
                ),
                ("REL8", "Are the delegations under the Delivery Plan clear and effective?", ""),
            ],
        ),
        (
            "OPM",
            "Organisational and performance management",
            [
                (
                    "OPM1",
                    "Are there effective arrangements for securing best value, including continuous improvement?",
                    "",
                ),
                (
                    "OPM2",
                    "Is there a comprehensive business plan that delivers the council's own, with regular and robust "
                    "reporting to the council and tenants?",
                    "",
                ),
                ("OPM3", "Is there a formal review of the ALMO's business plan, linked to the council's?", ""),
                (
                    "OPM4",
                    "How does the ALMO make sure services are delivered well and give value for money, and how does "
                    "it manage and monitor performance?",
                    "",
                ),
                (
                    "OPM5",
                    "How does the ALMO plan, and how are its aims and objectives reflected in team and individual "
                    "targets?",
                    "",
                ),
                (
                    "OPM6",
                    "How are the ALMO's policies and procedures developed, told to staff and reviewed?",
                    "",
                ),
                (
                    "OPM7",
                    "What systems has the ALMO set up to work with the council if performance fails?",
                    "",
                ),
            ],
        ),
        (
            "UI",
            "User involvement",
            [
                (
                    "UI1",
                    "Is there a range of ways for tenants and leaseholders to take part in the ALMO's management, "
                    "development and review?",
                    "",
                ),
                ("UI2", "How are users involved in judging and influencing the ALMO's performance?", ""),
                (
                    "UI3",
                    "How do users and other stakeholders inform decisions about services, and what access do tenants "
                    "have to board and committee meetings?",
                    "",
                ),
                (
                    "UI4",
                    "How does the ALMO communicate with its users, its staff and the council, and what does it tell "
                    "them?",
                    "",
                ),
                (
                    "UI5",
                    "How does the ALMO handle complaints, and how can people appeal against its decisions?",
                    "",
                ),
            ],
        ),
    ],
)


def _kloe(code, title, question, fair, good, excellent):
    return (code, title, [(f"{code}1", question, "", fair, good, excellent)])


HI_ALMO = (
    "hi-almo",
    "Housing Inspectorate ALMO inspection areas (2004 to 2010)",
    "The areas seen in ALMO inspection reports and the key lines of enquiry, with descriptors of fair, good and "
    "excellent services",
    "A working list of the areas inspectors judged an ALMO on, each with what a fair, good and excellent service "
    "looks like, and the three questions behind the judgement on prospects for improvement. Confirm the wording "
    "against the Audit Commission's documents before relying on it.",
    [
        _kloe(
            "HM",
            "Housing management",
            "How well are tenancies and estates managed?",
            "Tenancy conditions are enforced, but estate inspections are irregular.",
            "Estates are inspected to a published timetable with tenants, and problems are put right quickly.",
            "Tenants shape the standards, results are published estate by estate, and the service improves each year.",
        ),
        _kloe(
            "RM",
            "Repairs and maintenance",
            "Are repairs done right, on time, by appointment?",
            "Most repairs are done within target times; appointments are offered for some jobs.",
            "Appointments are offered and kept for most repairs, and right first time is measured and rising.",
            "Tenants choose appointment times, nearly all are kept, and satisfaction is in the top quartile.",
        ),
        _kloe(
            "SI",
            "Stock investment and asset management",
            "Is investment planned from sound stock condition data towards the Decent Homes Standard?",
            "Stock condition data is dated and the programme is planned year by year.",
            "A costed, 30-year plan rests on current stock data and tenants' priorities.",
            "The plan is modelled by archetype, reconciled with funding, and tested with tenants each year.",
        ),
        _kloe(
            "RA",
            "Rent collection and arrears",
            "Is rent collected well, with support for tenants before action is taken?",
            "Collection is near the median; action follows arrears but advice is offered late.",
            "Collection is above the median, with early contact and money advice for every tenant in arrears.",
            "Collection is in the top quartile and evictions for arrears are rare and a last resort.",
        ),
        _kloe(
            "AS",
            "Anti-social behaviour",
            "Are anti-social behaviour and hate incidents tackled quickly with victims supported?",
            "Cases are logged and followed up, but victims are not always kept informed.",
            "Cases are dealt with to published timescales with partners, and victims are supported throughout.",
            "Prevention and early action cut cases, and victims' satisfaction is measured and high.",
        ),
        _kloe(
            "TI",
            "Tenant involvement",
            "Do tenants influence the service and the ALMO's decisions?",
            "Tenants are consulted through a panel, mostly after decisions are taken.",
            "A range of ways to take part reaches diverse tenants, who shape decisions before they are taken.",
            "Tenants scrutinise performance, their recommendations change services, and the impact is published.",
        ),
        _kloe(
            "EL",
            "Empty homes and lettings",
            "Are empty homes re-let quickly and fairly to a good standard?",
            "Re-let times are near the median; the lettings standard is not always met.",
            "Re-let times are better than the median and homes meet a lettings standard tenants helped set.",
            "Re-let times are in the top quartile and new tenants' satisfaction is high.",
        ),
        _kloe(
            "VM",
            "Value for money",
            "Does the ALMO know its costs and use that to improve value for money?",
            "Costs are known for the main services but seldom compared with others.",
            "Costs are benchmarked, and the findings drive savings that are reinvested.",
            "Costs and quality are both in the top quartile, and savings are proven and sustained.",
        ),
        _kloe(
            "SH",
            "Sheltered and supported housing",
            "Do older and vulnerable tenants get support that fits their needs?",
            "Support is offered, but needs are assessed irregularly.",
            "Every resident has a current support plan reviewed with them.",
            "Services are shaped with residents and partners, and outcomes for residents are measured.",
        ),
        _kloe(
            "AC",
            "Access and customer care",
            "Can people reach the service easily, and are they treated well?",
            "Offices and phone lines are open at set times; customer standards exist.",
            "Service standards are published and met, with several ways to reach the ALMO.",
            "Access is designed around customers' needs, and standards are set with and reported to tenants.",
        ),
        _kloe(
            "DV",
            "Diversity",
            "Does the ALMO know its customers and meet diverse needs fairly?",
            "Profile data is collected but not yet used to shape services.",
            "Profile data is used to shape services, and access is monitored by group.",
            "Services are designed for diverse needs, and outcomes are equal across groups.",
        ),
        (
            "PI",
            "Prospects for improvement",
            [
                ("PI1", "Does the ALMO have a track record of improving its services?", "", "", "", ""),
                ("PI2", "Does performance management drive improvement?", "", "", "", ""),
                ("PI3", "Does the ALMO have the capacity to improve further?", "", "", "", ""),
            ],
        ),
    ],
)

FRAMEWORKS = [HI_2002, HI_ALMO]


def load_frameworks(framework_model, area_model, question_model) -> None:
    """Put the shipped frameworks in the database, or bring them up to date. Models are passed in for migrations."""
    for code, name, source, description, areas in FRAMEWORKS:
        framework, _ = upsert(
            framework_model,
            {"council": None, "code": code},
            {"name": name, "source": source, "description": description},
        )
        for area_order, (area_code, title, questions) in enumerate(areas, start=1):
            area, _ = upsert(
                area_model, {"framework": framework, "code": area_code}, {"title": title, "order": area_order}
            )
            for order, row in enumerate(questions, start=1):
                question_code, text, guidance, *descriptors = row
                fair, good, excellent = (descriptors + ["", "", ""])[:3]
                upsert(
                    question_model,
                    {"area": area, "code": question_code},
                    {
                        "text": text,
                        "guidance": guidance,
                        "descriptor_fair": fair,
                        "descriptor_good": good,
                        "descriptor_excellent": excellent,
                        "order": order,
                    },
                )
