from .audit import AuditEntry
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
    "Role",
    "RoleAssignment",
    "School",
    "User",
]
