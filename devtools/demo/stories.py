"""What the enquiry demo tells: Essex's funnelled question, its eight clusters' stories,
and the themes of every other LA taking part. Data only; enquiries.py plays it.
All text is written for this demo."""

from __future__ import annotations

from dataclasses import dataclass

from devtools.demo import register
from enquiries.models import AlignmentRating, EcmOutcome, NetworkingKind

E = EcmOutcome
N = NetworkingKind
R = AlignmentRating

# --- Essex ---------------------------------------------------------------------------

ESSEX_TITLE = "Essex: clusters for every child"
ESSEX_FOCUS = (
    "Get eight contrasting school clusters moving on development work they choose under "
    "Every Child Matters, with time from link advisers and a headteacher consultant, and "
    "use what happens to reshape the county's ECM strategy and its strategy for clusters."
)

# The funnelling: from everything at once to something the county can learn from.
ESSEX_QUESTION = [
    (
        "create",
        "How can Essex use networks to deliver Every Child Matters?",
        "Our first attempt, written at the co-ordinating group's first meeting: everything "
        "we care about in one sentence.",
    ),
    (
        "revise",
        "How can school clusters in Essex work with other agencies to improve outcomes for "
        "children?",
        "Narrowed from 'networks' to the clusters we actually work with, and named working "
        "with other agencies because that is what ECM asks of them.",
    ),
    ("link", 2),
    ("submit", "Our second draft, for the facilitators' first view."),
    (
        "changes",
        "L",
        "This still reads as a plan of action. What does the county want to learn, and "
        "what is the LA's own part in it?",
    ),
    (
        "revise",
        "What helps a cluster of schools work with other agencies on the ECM outcomes it has "
        "chosen, and what can the LA do to support it?",
        "Separated the enquiry from the development project, as Gareth suggested, and "
        "brought in the LA's part.",
    ),
    ("submit", ""),
    (
        "changes",
        "F",
        "Much better. Can it use the variety you chose the clusters for? Eight very "
        "different clusters are your best evidence.",
    ),
    (
        "revise",
        "What are the key drivers of effective cluster working on Every Child Matters in "
        "eight contrasting Essex clusters, and how should they shape the county's cluster "
        "strategy?",
        "After the launch conference: the clusters differ in size, maturity and phase, so "
        "the question now asks what they have in common. Tied to the cluster strategy so "
        "the findings have somewhere to go.",
    ),
    (
        "revise",
        "Across eight contrasting clusters, which four or five key drivers make cluster "
        "working on Every Child Matters effective, and how can the LA broker them?",
        "Funnelled once more at the surgeries: 'four or five key drivers' gives a manageable "
        "end point, and 'broker' names the LA role we want to learn about rather than "
        "promising to deliver it.",
    ),
    ("link", 1),
    ("submit", "Agreed in principle at the co-ordinating group; submitted for sign-off."),
    ("agree", "L", "Agreed: focused, and it keeps the LA's own learning in view."),
    (
        "review",
        "F",
        1,
        R.MOSTLY,
        "Speaks to the LA as a learning system through brokerage; say how the findings "
        "will change the LA's own teams.",
    ),
    ("review", "F", 2, R.ALIGNED, "A clear multi-agency strand across all eight clusters."),
]


@dataclass
class ClusterStory:
    name: str
    ecm: tuple[str, ...]
    networking: tuple[str, ...]
    steps: list


ESSEX_STORIES = [
    ClusterStory(
        register.HARLOW_CLUSTER,
        (E.STAY_SAFE, E.ENJOY_AND_ACHIEVE),
        (N.CROSS_PHASE, N.MULTI_AGENCY),
        [
            (
                "create",
                "How can we help vulnerable children move from primary to secondary school?",
                "First thoughts from our launch-conference form.",
            ),
            ("link", 2),
            ("link", 3),
            (
                "comment",
                "consultant",
                "From the surgery with Tendring: the two clusters mean different children by "
                "'vulnerable'. Worth saying whose definition you will use.",
            ),
            ("submit", "Ready for a first look."),
            (
                "changes",
                "C",
                "Say who counts as vulnerable and what kind of help you will look at; as it "
                "stands it could describe any transition plan.",
            ),
            (
                "revise",
                "How can the Harlow partnership, with family support and the education welfare "
                "service, make the move to secondary school safer and more successful for "
                "children known to social care or on the SEN register?",
                "Named the children and the agencies after the surgery.",
            ),
            (
                "review",
                "L",
                "parent",
                R.MOSTLY,
                "Serves the county question; say what you will learn about the partnership "
                "itself as well as about the children.",
            ),
            ("review", "F", 2, R.ALIGNED, "A clear multi-agency focus."),
            ("submit", "Revised after the surgery and the LA team's comments."),
        ],
    ),
    ClusterStory(
        "Dengie Small Schools Cluster",
        (E.ENJOY_AND_ACHIEVE, E.POSITIVE_CONTRIBUTION),
        (N.SCHOOL_TO_SCHOOL, N.PUPIL_VOICE),
        [
            (
                "create",
                "Can arts projects shared across our eight schools help children become "
                "intelligent citizens?",
                "Our heads' shared interest: the arts as a way into citizenship.",
            ),
            ("link", 3),
            ("submit", ""),
            (
                "changes",
                "L",
                "A lovely idea. What would count as evidence that a child is becoming an "
                "'intelligent citizen'? A baseline now would help.",
            ),
            (
                "revise",
                "How do arts projects shared across eight small village schools change the way "
                "children talk about, and take part in, their local community?",
                "Made 'intelligent citizen' something we can see: how children talk about "
                "their community and what they do in it. Baseline: pupil interviews this "
                "autumn.",
            ),
            ("submit", "Revised with a baseline in mind."),
            ("agree", "C", "Agreed at the cluster surgery."),
            (
                "review",
                "C",
                "parent",
                R.ALIGNED,
                "Gives the county a clear case of a small rural cluster at work.",
            ),
            (
                "review",
                "F",
                3,
                R.PARTLY,
                "Rural isolation is a kind of disadvantage, but the question does not say so; "
                "consider making the link explicit.",
            ),
        ],
    ),
    ClusterStory(
        "Colchester Schools Federation",
        (E.ENJOY_AND_ACHIEVE, E.ECONOMIC_WELLBEING),
        (N.PARENTS_AND_COMMUNITY,),
        [
            ("create", "How can we work better with parents?", ""),
            ("submit", ""),
            (
                "changes",
                "C",
                "Too broad for a federation this size. Which parents, and better for whom?",
            ),
            (
                "revise",
                "What kinds of partnership with parents help children enjoy and achieve, "
                "particularly where families had poor experiences of school themselves?",
                "Focused on the families we find hardest to reach, after talking it through "
                "with our home-school link workers.",
            ),
            ("link", 3),
            ("review", "F", 3, R.MOSTLY, "Close to the third key question; say which communities."),
            ("submit", ""),
            (
                "changes",
                "L",
                "Closer. With fourteen schools, say which will take part in the enquiry: a "
                "loose federation may not all move together.",
            ),
        ],
    ),
    ClusterStory(
        "Tendring Coast Learning Network",
        (E.BE_HEALTHY, E.STAY_SAFE),
        (N.MULTI_AGENCY,),
        [
            (
                "create",
                "How can coastal schools and health services together support children with "
                "mental-health needs?",
                "",
            ),
            ("link", 2),
            ("submit", ""),
            ("agree", "L", "Agreed: a good match with the county's multi-agency strand."),
            ("review", "L", "parent", R.MOSTLY, "Fits the county question."),
            ("review", "F", 2, R.ALIGNED, ""),
            (
                "revise",
                "How can coastal schools, the child and adolescent mental health service and "
                "the youth service spot emerging mental-health needs earlier, and what changes "
                "when they do?",
                "Our first meeting with the mental-health team showed that early "
                "identification is the real gap. This reopens the question for review.",
            ),
        ],
    ),
    ClusterStory(
        "Chelmsford Villages Cluster",
        (E.BE_HEALTHY,),
        (N.SCHOOL_TO_SCHOOL,),
        [
            (
                "create",
                "What does it take for five schools that have only just met to trust each "
                "other enough to plan work on healthy lifestyles together?",
                "A first attempt. We are a new cluster and want to learn about starting out "
                "as much as about healthy schools.",
            ),
            (
                "comment",
                "consultant",
                "A brave question for a new cluster. Keep notes of your first meetings: they "
                "are your baseline.",
            ),
        ],
    ),
    ClusterStory(
        "Uttlesford Rural Partnership",
        (E.ENJOY_AND_ACHIEVE, E.BE_HEALTHY),
        (N.SCHOOL_TO_SCHOOL, N.HIGHER_EDUCATION),
        [
            ("create", "How can we get more after-school clubs into rural schools?", ""),
            ("link", 1),
            (
                "review",
                "F",
                1,
                R.NOT_ALIGNED,
                "This is a development aim rather than an enquiry, and it does not touch what "
                "the LA would learn as a system.",
            ),
            (
                "revise",
                "How can rural schools a long way apart use pairing and shared transport to "
                "widen what their pupils do beyond the school day, and what does the LA learn "
                "about supporting clusters spread thin?",
                "Turned the aim into a question and added what the LA learns, after the "
                "facilitator's review.",
            ),
            ("submit", "Reworded after Ruth's review."),
        ],
    ),
    ClusterStory(
        "Basildon Infant and Junior Cluster",
        (E.ENJOY_AND_ACHIEVE,),
        (N.SCHOOL_TO_SCHOOL, N.PARENTS_AND_COMMUNITY),
        [
            (
                "create",
                "Why do some boys lose confidence as readers when they move from infant to "
                "junior school, and what can the two schools do about it together?",
                "Our reading data shows a dip in Year 3 that has puzzled us for years.",
            ),
            ("link", 3),
            ("submit", ""),
            ("agree", "C", "Agreed. A sharp question with data behind it."),
            (
                "review",
                "C",
                "parent",
                R.MOSTLY,
                "Say what it tells the county about cluster working, not only about reading.",
            ),
            ("review", "L", 3, R.MOSTLY, ""),
        ],
    ),
    ClusterStory(
        "Braintree and Witham Extended Schools Partnership",
        (E.ECONOMIC_WELLBEING, E.POSITIVE_CONTRIBUTION),
        (N.MULTI_AGENCY, N.PARENTS_AND_COMMUNITY),
        [
            ("create", "Do extended services raise aspiration?", ""),
            ("submit", ""),
            (
                "changes",
                "F",
                "A yes-or-no question closes the enquiry down. What would you want to know if "
                "the answer were 'sometimes'?",
            ),
            (
                "revise",
                "How do extended services planned with health visitors, the youth service and "
                "the local college change young people's aspirations in Braintree and "
                "Witham's most deprived wards?",
                "Opened the question up and named our partners.",
            ),
            ("link", 2),
            ("link", 3),
            (
                "review",
                "L",
                "parent",
                R.PARTLY,
                "Strong on working with other agencies, but the county asks about cluster "
                "working: say what you will learn about the partnership.",
            ),
            ("review", "F", 3, R.ALIGNED, ""),
            ("submit", ""),
            (
                "changes",
                "C",
                "Nearly there: bring in the partnership itself, as Gareth suggested, then "
                "resubmit.",
            ),
        ],
    ),
]


# --- Every other LA --------------------------------------------------------------------


@dataclass
class Theme:
    title: str
    focus: str
    question: str  # {la} is the LA's name
    kq: int


THEMES = [
    Theme(
        "moving on well",
        "Help clusters plan the move from primary to secondary school together with health "
        "and family-support workers.",
        "How can {la}'s clusters and the services around them help every child feel they "
        "belong when they move on to secondary school?",
        2,
    ),
    Theme(
        "extended services",
        "Build extended services around clusters of schools with health, youth and voluntary "
        "partners.",
        "What makes extended services planned by clusters in {la} reach the families who need "
        "them most?",
        2,
    ),
    Theme(
        "pupils as partners",
        "Give pupils a real part in planning their cluster's work.",
        "How does listening to pupils across a cluster change what schools and the LA in {la} "
        "decide to do?",
        1,
    ),
    Theme(
        "narrowing the gap",
        "Target brokered support at clusters serving the most disadvantaged estates.",
        "Which ways of working across schools and agencies raise aspiration and attainment in "
        "{la}'s most disadvantaged neighbourhoods?",
        3,
    ),
    Theme(
        "leading across schools",
        "Develop headteachers and middle leaders who lead learning across schools.",
        "What do leaders in {la} need in order to lead learning across a network rather than "
        "in one school, and how can the LA grow them?",
        1,
    ),
    Theme(
        "small schools together",
        "Link small rural schools so they share staff, expertise and opportunities.",
        "How can small schools in {la} work together so that distance stops limiting what "
        "their pupils can do?",
        3,
    ),
    Theme(
        "a learning authority",
        "Reshape LA teams to learn from clusters and feed what works back into strategy.",
        "What changes when {la} sets out to learn from its clusters instead of only directing "
        "them?",
        1,
    ),
    Theme(
        "healthy together",
        "Join up healthy-schools work across clusters with health partners.",
        "How can clusters and health partners in {la} make being healthy part of everyday "
        "school life?",
        2,
    ),
]

CLUSTER_QUESTIONS = [
    (
        "How can the schools of {cluster} use pupils' own accounts of moving school to "
        "improve transition?",
        (E.ENJOY_AND_ACHIEVE, E.STAY_SAFE),
        (N.CROSS_PHASE, N.PUPIL_VOICE),
    ),
    (
        "What helps teachers in {cluster} learn from one another's classrooms, and does it "
        "change what pupils experience?",
        (E.ENJOY_AND_ACHIEVE,),
        (N.SCHOOL_TO_SCHOOL,),
    ),
    (
        "How can {cluster} and local health and family services share what they know about "
        "children at risk, early and safely?",
        (E.STAY_SAFE, E.BE_HEALTHY),
        (N.MULTI_AGENCY,),
    ),
    (
        "Which ways of involving parents make the most difference to attendance and "
        "achievement across {cluster}?",
        (E.ENJOY_AND_ACHIEVE, E.ECONOMIC_WELLBEING),
        (N.PARENTS_AND_COMMUNITY,),
    ),
    (
        "How can the schools of {cluster} raise the aspirations of pupils from families where "
        "nobody has stayed on in education?",
        (E.ECONOMIC_WELLBEING, E.POSITIVE_CONTRIBUTION),
        (N.HIGHER_EDUCATION, N.PARENTS_AND_COMMUNITY),
    ),
    (
        "What does a shared approach to wellbeing look like across the schools of {cluster}?",
        (E.BE_HEALTHY,),
        (N.SCHOOL_TO_SCHOOL, N.MULTI_AGENCY),
    ),
]

RATINGS = [R.ALIGNED, R.MOSTLY, R.PARTLY, R.NOT_ALIGNED, R.MOSTLY, R.ALIGNED]


def la_steps(la, theme: Theme, i: int) -> list:
    """A plausible history for an LA question; the statuses vary with i."""
    text = theme.question.format(la=la.name)
    broad = f"How can networks help children in {la.name}?"
    steps: list = [("link", theme.kq)]
    kind = i % 5
    if kind == 0:  # agreed first time
        steps += [
            ("submit", ""),
            ("agree", "F", "Agreed."),
            ("review", "F", theme.kq, RATINGS[i % len(RATINGS)], ""),
        ]
    elif kind == 1:  # with the reviewers
        steps += [("submit", "")]
    elif kind == 2:  # sent back
        steps += [
            ("submit", ""),
            ("changes", "F", "Say what the LA itself wants to learn, not only what it will do."),
        ]
    elif kind == 3:  # still a draft
        steps += [("review", "F", theme.kq, R.PARTLY, "Promising; sharpen it before submitting.")]
    else:  # funnelled from a broad first wording, then agreed
        return [
            ("create", broad, "A first wording from the project launch."),
            ("revise", text, "Narrowed after the first core contact meeting."),
            *steps,
            ("submit", ""),
            ("agree", "F", "Agreed after the second draft."),
            ("review", "F", theme.kq, R.ALIGNED, ""),
        ]
    return [("create", text, ""), *steps]


def cluster_steps(cluster, i: int) -> tuple[list, tuple, tuple]:
    text, ecm, networking = CLUSTER_QUESTIONS[i % len(CLUSTER_QUESTIONS)]
    kq = 1 + i % 3
    steps: list = [("create", text.format(cluster=cluster.name), ""), ("link", kq)]
    kind = i % 4
    if kind == 0:
        steps += [
            ("submit", ""),
            ("agree", "F", ""),
            ("review", "F", kq, RATINGS[i % len(RATINGS)], ""),
        ]
    elif kind == 1:
        steps += [("submit", "")]
    elif kind == 2:
        steps += [("submit", ""), ("changes", "F", "Say which schools and pupils it covers.")]
    return steps, ecm, networking
