"""Small helpers the test modules share (fixtures live in the conftest.py files)."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse


def url_for(name: str, attr: str = "pk") -> Callable[..., str]:
    """The page a test module is about, as a function of the objects in its URL:

        url = url_for("enquiries:alignment_review")
        url(world.q_a, world.q_x)  # reverse(..., args=[q_a.pk, q_x.pk])

    `attr` names the attribute the URL carries, e.g. url_for(..., attr="urn").
    """

    def url(*objects) -> str:
        return reverse(name, args=[getattr(obj, attr) for obj in objects])

    url.__doc__ = f"The URL of {name} for these objects."
    return url
