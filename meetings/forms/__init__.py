"""Forms validate input only; every choice comes from the view, scoped to the project,
so a forged id is a form error. The services decide and check again."""

from .meetings import MeetingForm
from .notes import AnswerForm, NotesForm, SendForm

__all__ = ["AnswerForm", "MeetingForm", "NotesForm", "SendForm"]
