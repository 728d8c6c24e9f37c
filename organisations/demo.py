"""Fictional councils, ALMOs, boards and people for the demo. None of them is real."""

import datetime as dt

from django.contrib.auth import get_user_model

from core.demo import upsert
from organisations.access import Role
from organisations.models import Almo, Board, BoardMember, Council, DeclaredInterest, Membership

User = get_user_model()

DEMO_PASSWORD = "almo-demo-2026"

COUNCILS = [
    {
        "slug": "harrowfield",
        "name": "Harrowfield Metropolitan Borough Council",
        "ons_code": "E08000990",
        "kind": Council.Kind.METROPOLITAN,
        "region": "yorkshire",
    },
    {
        "slug": "kelworth",
        "name": "London Borough of Kelworth",
        "ons_code": "E09000990",
        "kind": Council.Kind.LONDON_BOROUGH,
        "region": "london",
    },
    {
        "slug": "ashby-vale",
        "name": "Ashby Vale District Council",
        "ons_code": "E07000990",
        "kind": Council.Kind.DISTRICT,
        "region": "east_midlands",
    },
]

ALMOS = [
    # Three area ALMOs of one metropolitan council, each with part of the stock.
    ("harrowfield-north-homes", "Harrowfield North Homes", "harrowfield", 11800, 640, "partial", "new", 2),
    (
        "harrowfield-central-homes",
        "Harrowfield Central Homes",
        "harrowfield",
        9400,
        1210,
        "partial",
        "new",
        2,
    ),
    ("harrowfield-south-homes", "Harrowfield South Homes", "harrowfield", 7300, 380, "partial", "new", 3),
    # A London ALMO that grew out of a tenant management organisation.
    ("kelworth-homes", "Kelworth Homes", "kelworth", 16200, 5900, "whole", "former_tmo", 4),
    # A small ALMO of a district council.
    ("ashby-vale-homes", "Ashby Vale Homes", "ashby-vale", 2150, 90, "whole", "new", 5),
]

BOARD_MEMBERS = [
    # (name, category, office, term start offset in years)
    ("Cllr Margaret Oyelaran", BoardMember.Category.COUNCILLOR, BoardMember.Office.MEMBER),
    ("Cllr Peter Hames", BoardMember.Category.COUNCILLOR, BoardMember.Office.VICE_CHAIR),
    ("Janet Whitlock", BoardMember.Category.TENANT, BoardMember.Office.CHAIR),
    ("Samir Haddad", BoardMember.Category.TENANT, BoardMember.Office.MEMBER),
    ("Grace Obi", BoardMember.Category.LEASEHOLDER, BoardMember.Office.MEMBER),
    ("Richard Pengelly", BoardMember.Category.INDEPENDENT, BoardMember.Office.MEMBER),
    ("Anita Kowalczyk", BoardMember.Category.INDEPENDENT, BoardMember.Office.MEMBER),
]

# (username, first, last, [(role, council slug or None, almo slug or None, is_admin, grants)])
USERS = [
    ("council.officer", "Helen", "Marsh", [(Role.COUNCIL_OFFICER, "harrowfield", None, True, [])]),
    ("north.staff", "Tom", "Akers", [(Role.ALMO_STAFF, None, "harrowfield-north-homes", True, [])]),
    ("central.staff", "Priya", "Shah", [(Role.ALMO_STAFF, None, "harrowfield-central-homes", True, [])]),
    ("south.staff", "Owen", "Lloyd", [(Role.ALMO_STAFF, None, "harrowfield-south-homes", True, [])]),
    ("kelworth.officer", "Daniel", "Mensah", [(Role.COUNCIL_OFFICER, "kelworth", None, True, [])]),
    ("kelworth.staff", "Rosa", "Fernandes", [(Role.ALMO_STAFF, None, "kelworth-homes", True, [])]),
    ("ashby.officer", "Claire", "Dunmore", [(Role.COUNCIL_OFFICER, "ashby-vale", None, True, [])]),
    ("ashby.staff", "Gareth", "Price", [(Role.ALMO_STAFF, None, "ashby-vale-homes", True, [])]),
    ("board.member", "Janet", "Whitlock", [(Role.BOARD_MEMBER, None, "harrowfield-north-homes", False, [])]),
    (
        "councillor",
        "Margaret",
        "Oyelaran",
        [
            (Role.BOARD_MEMBER, None, "harrowfield-north-homes", False, []),
            (
                Role.OBSERVER,
                "harrowfield",
                None,
                False,
                ["harrowfield-north-homes", "harrowfield-central-homes", "harrowfield-south-homes"],
            ),
        ],
    ),
    ("observer", "Ian", "Tenant-Adviser", [(Role.OBSERVER, "kelworth", None, False, ["kelworth-homes"])]),
]


def load() -> dict:
    councils = _load_councils()
    almos = _load_almos(councils)
    for index, almo in enumerate(almos.values()):
        _load_board(almo, index)
    users = _load_users(councils, almos)
    board_member = BoardMember.objects.get(board__almo__slug="harrowfield-north-homes", name="Janet Whitlock")
    if board_member.user_id != users["board.member"].pk:
        board_member.user = users["board.member"]
        board_member.save(update_fields=["user"])
    if not User.objects.filter(username="admin").exists():
        User.objects.create_superuser(
            "admin", "admin@example.org", DEMO_PASSWORD, first_name="Portal", last_name="Admin"
        )
    return {"councils": councils, "almos": almos, "users": users}


def _load_councils() -> dict:
    councils = {}
    for data in COUNCILS:
        values = {key: value for key, value in data.items() if key != "slug"}
        councils[data["slug"]], _ = upsert(Council, {"slug": data["slug"]}, values)
    return councils


def _load_almos(councils: dict) -> dict:
    almos = {}
    for slug, name, council_slug, homes, leaseholds, coverage, origin, round_number in ALMOS:
        start = dt.date(2002 + round_number, 4, 1)
        almos[slug], _ = upsert(
            Almo,
            {"slug": slug},
            {
                "name": name,
                "council": councils[council_slug],
                "status": Almo.Status.LIVE,
                "homes_managed": homes,
                "leaseholds_managed": leaseholds,
                "stock_coverage": coverage,
                "origin": origin,
                "programme_round": round_number,
                "section_27_consent_date": start - dt.timedelta(days=61),
                "agreement_start": dt.date(2024, 4, 1),
                "agreement_end": dt.date(2029, 3, 31),
            },
        )
    return almos


def _load_board(almo: Almo, index: int) -> None:
    board, _ = upsert(Board, {"almo": almo}, {"name": f"{almo.name} board"})
    for position, (name, category, office) in enumerate(BOARD_MEMBERS):
        # Vary names across boards so each board reads as its own.
        member_name = name if index == 0 else f"{name.split()[0]} {name.split()[-1]}-{almo.slug.split('-')[0].title()}"
        if category == BoardMember.Category.COUNCILLOR and not member_name.startswith("Cllr"):
            member_name = f"Cllr {member_name}"
        member, _ = upsert(
            BoardMember,
            {"board": board, "name": member_name},
            {"category": category, "office": office, "term_start": dt.date(2023, 7, 1 + position)},
        )
        _declare_interests(member, almo)
    upsert(
        BoardMember,
        {"board": board, "name": f"Former member of {almo.name}"},
        {
            "category": BoardMember.Category.INDEPENDENT,
            "office": BoardMember.Office.MEMBER,
            "term_start": dt.date(2019, 7, 1),
            "term_end": dt.date(2023, 6, 30),
        },
    )


def _declare_interests(member: BoardMember, almo: Almo) -> None:
    """Councillors declare their council role, tenant members their tenancy: the duality the register records."""
    if member.category == BoardMember.Category.COUNCILLOR:
        kind, description = (
            DeclaredInterest.Kind.COUNCIL_ROLE,
            f"Elected member of {almo.council.name}; sits on its housing scrutiny panel.",
        )
    elif member.category == BoardMember.Category.TENANT:
        kind, description = DeclaredInterest.Kind.TENANCY, f"Secure tenant of a home managed by {almo.name}."
    else:
        return
    upsert(
        DeclaredInterest,
        {"board_member": member, "kind": kind},
        {"description": description, "declared_on": dt.date(2023, 7, 1)},
    )


def _load_users(councils: dict, almos: dict) -> dict:
    users = {}
    for username, first, last, memberships in USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, first_name=first, last_name=last, email=f"{username}@example.org")
            user.set_password(DEMO_PASSWORD)
            user.save()
        users[username] = user
        for role, council_slug, almo_slug, is_admin, grants in memberships:
            membership, _ = upsert(
                Membership,
                {"user": user, "role": role, "council": councils.get(council_slug), "almo": almos.get(almo_slug)},
                {"is_admin": is_admin},
            )
            wanted = {almos[slug].pk for slug in grants}
            if set(membership.granted_almos.values_list("pk", flat=True)) != wanted:
                membership.granted_almos.set(wanted)
    return users


def sign_ins() -> list[tuple[str, str]]:
    """Who to sign in as, for the demo command to print."""
    names = dict(Council.objects.values_list("slug", "name")) | dict(Almo.objects.values_list("slug", "name"))
    people = [
        (
            username,
            "; ".join(f"{role.label} at {names[council or almo]}" for role, council, almo, _a, _g in memberships),
        )
        for username, _first, _last, memberships in USERS
    ]
    return [*people, ("admin", "superuser (Django admin at /admin/)"), ("", f"Every demo password is: {DEMO_PASSWORD}")]
