"""Filter forms for register lists. They read GET parameters and never save anything.

Bad values (an unknown phase, a page number past the end) are dropped rather than
refused: a filter link someone pasted should still show a list.
"""

from __future__ import annotations

from django import forms
from django.db.models import Q

from .models import School

ANY = [("", "Any")]


class LocalAuthorityFilter(forms.Form):
    name = forms.CharField(label="Name or LA code", required=False, max_length=100)

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        name = self.cleaned_data["name"].strip()
        if name:
            queryset = queryset.filter(Q(name__icontains=name) | Q(code=name))
        return queryset


class SchoolFilter(forms.Form):
    q = forms.CharField(label="Name or URN", required=False, max_length=200)
    phase = forms.ChoiceField(label="Phase", required=False, choices=ANY + School.Phase.choices)
    status = forms.ChoiceField(label="Status", required=False, choices=ANY + School.Status.choices)

    def filter(self, queryset):
        # An invalid choice only drops that field; the valid ones still apply.
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        q = (data.get("q") or "").strip()
        if q:
            condition = Q(name__icontains=q)
            if q.isdigit():
                condition |= Q(urn=int(q))
            queryset = queryset.filter(condition)
        if data.get("phase"):
            queryset = queryset.filter(phase=data["phase"])
        if data.get("status"):
            queryset = queryset.filter(status=data["status"])
        return queryset

    @property
    def is_filtered(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return any(data.get(name) for name in ("q", "phase", "status"))
