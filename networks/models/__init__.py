from .audit import AuditEntry
from .outbox import OutboxEmail
from .people import Invitation, Role, RoleAssignment, User
from .proposals import MembershipProposal
from .register import Cluster, LocalAuthority, Membership, School

__all__ = [
    "AuditEntry",
    "Cluster",
    "Invitation",
    "LocalAuthority",
    "Membership",
    "MembershipProposal",
    "OutboxEmail",
    "Role",
    "RoleAssignment",
    "School",
    "User",
]
