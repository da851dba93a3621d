from .audit import AuditEntry
from .people import Invitation, Role, RoleAssignment, User
from .register import Cluster, LocalAuthority, Membership, School

__all__ = [
    "AuditEntry",
    "Cluster",
    "Invitation",
    "LocalAuthority",
    "Membership",
    "Role",
    "RoleAssignment",
    "School",
    "User",
]
