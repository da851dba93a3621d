from .audit import AuditEntry
from .outbox import OutboxEmail
from .people import Invitation, Role, RoleAssignment, User
from .register import Cluster, LocalAuthority, Membership, School

__all__ = [
    "AuditEntry",
    "Cluster",
    "Invitation",
    "LocalAuthority",
    "Membership",
    "OutboxEmail",
    "Role",
    "RoleAssignment",
    "School",
    "User",
]
