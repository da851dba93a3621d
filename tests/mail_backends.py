"""Email backends for tests that need a mail server to fail the way smtplib reports it.

Set one with the `settings` fixture: settings.EMAIL_BACKEND = "tests.mail_backends.ServerDown".
"""

import smtplib

from django.core.mail.backends.base import BaseEmailBackend


class ServerDown(BaseEmailBackend):
    """The mail server is unreachable: worth trying again later."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


class RecipientRefused(BaseEmailBackend):
    """The mail server refuses the address for good (a 550 to RCPT TO)."""

    def send_messages(self, email_messages):
        recipients = [to for message in email_messages for to in message.to]
        raise smtplib.SMTPRecipientsRefused({to: (550, b"No such user") for to in recipients})
