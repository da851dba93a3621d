"""Pages for initiatives, projects and enquiry questions (setting them up: setup.py).

Each view: parse → load through an access helper (404 for outsiders) → one service
call → redirect or render. Views check permission before reading the form, so a
reader who may not act gets 403 whatever they post; the services check again and
raise PermissionDenied (403) or EnquiryError (a message the person can act on;
nothing changed). Review actions (submit, decide,
comment) answer htmx requests with the review panel alone, and plain requests with
a redirect, so everything works without JavaScript.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from networks.http import AuthenticatedHttpRequest

from .. import selectors, services
from ..access import (
    get_enquiry_for_user,
    get_initiative_for_user,
    get_participation_for_user,
    get_project_for_user,
    get_school_participation_for_user,
)
from ..change_forms import WithdrawForm
from ..diff import word_diff
from ..forms import (
    AlignmentReviewForm,
    CommentForm,
    DecisionForm,
    DiffForm,
    LinkForm,
    QuestionForm,
    SubmitForm,
)
from ..models import Enquiry
from ..rules import may_create_any_project
from ..selectors.people import asked_of_current_revision, la_names_of
from ..services import EnquiryError
from .base import posted

# --- Initiatives ---------------------------------------------------------------


@require_GET
@login_required
def initiative_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = Paginator(selectors.initiative_list(request.user), settings.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "enquiries/initiative_list.html", {"page_obj": page})


@require_GET
@login_required
def initiative_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The initiative matrix: LA projects against the national key questions."""
    initiative = get_initiative_for_user(request.user, pk)
    user = request.user
    matrix = selectors.initiative_matrix(initiative, user, request.GET.get("page"))
    context = {
        "initiative": initiative,
        "matrix": matrix,
        "page_obj": matrix.page,
        # A co-leader is offered their own LAs; those who may set up any LA's
        # project (staff, national team, the initiative's facilitators) a chooser.
        "las_to_set_up": selectors.las_without_project(initiative, user),
        "can_set_up_any": may_create_any_project(user, initiative),
    }
    return render(request, "enquiries/initiative_detail.html", context)


# --- Projects ------------------------------------------------------------------


@require_GET
@login_required
def project_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = get_project_for_user(request.user, pk)
    page = selectors.project_page(project)
    # Who may write the questions not yet written (rules read the scope: no queries).
    user = request.user
    can_write_la_question = page.la_question is None and user.has_perm(
        "enquiries.edit_enquiry",
        Enquiry(level=Enquiry.Level.LA, initiative=project.initiative, project=project),
    )
    for row in page.clusters:
        row.can_write = row.question is None and user.has_perm(
            "enquiries.edit_enquiry",
            Enquiry(
                level=Enquiry.Level.CLUSTER,
                initiative=project.initiative,
                project=project,
                cluster_participation=row.participation,
            ),
        )
    context = {
        "page": page,
        # Which LA each facilitator works for: two may share a name.
        "facilitator_las": la_names_of(f.user_id for f in page.facilitators),
        "can_write_la_question": can_write_la_question,
        "can_manage": user.has_perm("enquiries.manage_project", project),
        "can_assign_facilitator": user.has_perm("enquiries.assign_facilitator", project),
    }
    return render(request, "enquiries/project_detail.html", context)


@require_GET
@login_required
def project_map(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The alignment map: national key questions → LA question → clusters → schools."""
    project = get_project_for_user(request.user, pk)
    context = {
        "map": selectors.project_map(project),
        # The links to key questions are a layer that can be hidden, with or without JS.
        "hide_key_links": request.GET.get("key_links") == "hide",
    }
    return render(request, "enquiries/project_map.html", context)


# --- Writing questions -----------------------------------------------------------


def _create(
    request: AuthenticatedHttpRequest,
    *,
    draft: Enquiry,
    owner: dict,
    existing: Enquiry | None,
    back_url: str = "",
):
    """The new-question form for an owner (a project, a cluster or a school participation)."""
    if not request.user.has_perm("enquiries.edit_enquiry", draft):
        raise PermissionDenied
    if existing is not None:
        messages.info(request, "It already has a question: revise it here.")
        return redirect("enquiries:enquiry_revise", existing.pk)
    form = QuestionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            enquiry = services.enquiry_create(actor=request.user, **form.cleaned_data, **owner)
        except EnquiryError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Question saved as a draft. Submit it when it is ready.")
            return redirect(enquiry)
    assert draft.project is not None  # every owner below national is in a project
    context = {
        "form": form,
        "draft": draft,
        "project": draft.project,
        "above": selectors.questions_above(draft.project, draft.level),
        "back_url": back_url or draft.project.get_absolute_url(),
    }
    return render(request, "enquiries/enquiry_form.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def enquiry_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Write a project's LA research question."""
    project = get_project_for_user(request.user, pk)
    draft = Enquiry(level=Enquiry.Level.LA, initiative=project.initiative, project=project)
    existing = Enquiry.objects.filter(level=Enquiry.Level.LA, project=project).first()
    return _create(request, draft=draft, owner={"project": project}, existing=existing)


@require_http_methods(["GET", "POST"])
@login_required
def cluster_enquiry_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Write a cluster's enquiry question in a project."""
    participation = get_participation_for_user(request.user, pk)
    project = participation.project
    draft = Enquiry(
        level=Enquiry.Level.CLUSTER,
        initiative=project.initiative,
        project=project,
        cluster_participation=participation,
    )
    existing = Enquiry.objects.filter(
        level=Enquiry.Level.CLUSTER, cluster_participation=participation
    ).first()
    return _create(
        request, draft=draft, owner={"cluster_participation": participation}, existing=existing
    )


@require_http_methods(["GET", "POST"])
@login_required
def school_enquiry_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Write a school's (or teacher's) enquiry question in a cluster's work."""
    school_participation = get_school_participation_for_user(request.user, pk)
    participation = school_participation.cluster_participation
    project = participation.project
    draft = Enquiry(
        level=Enquiry.Level.SCHOOL,
        initiative=project.initiative,
        project=project,
        cluster_participation=participation,
        school_participation=school_participation,
    )
    existing = Enquiry.objects.filter(
        level=Enquiry.Level.SCHOOL, school_participation=school_participation
    ).first()
    return _create(
        request,
        draft=draft,
        owner={"school_participation": school_participation},
        existing=existing,
        back_url=reverse("enquiries:participation_detail", args=[participation.pk]),
    )


@require_http_methods(["GET", "POST"])
@login_required
def enquiry_revise(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    enquiry = get_enquiry_for_user(request.user, pk, action="edit")
    current = enquiry.current_revision
    form = QuestionForm(posted(request), initial={"text": current.text if current else ""})
    if request.method == "POST" and form.is_valid():
        try:
            revision = services.enquiry_revise(
                enquiry=enquiry, actor=request.user, **form.cleaned_data
            )
        except EnquiryError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Revision {revision.number} saved.")
            return redirect(enquiry)
    context = {
        "form": form,
        "enquiry": enquiry,
        "draft": enquiry,
        "project": enquiry.project,
        "serves": selectors.serves_of(enquiry),
        "asked": asked_of_current_revision(enquiry),
    }
    return render(request, "enquiries/enquiry_form.html", context)


# --- One question: its page and its review panel -------------------------------


def _diff(request: AuthenticatedHttpRequest, revisions) -> dict:
    """The two revisions to compare (GET ?old=&new=) and their word diff."""
    if len(revisions) < 2:
        return {"diff_form": None}
    by_number = {revision.number: revision for revision in revisions}
    numbers = list(by_number)
    old, new = numbers[-2], numbers[-1]
    form = DiffForm(
        request.GET if "old" in request.GET else None,
        numbers=numbers,
        initial={"old": old, "new": new},
    )
    if form.is_bound and form.is_valid():
        old, new = form.cleaned_data["old"], form.cleaned_data["new"]
    return {
        "diff_form": form,
        "diff_old": by_number[old],
        "diff_new": by_number[new],
        "diff": word_diff(by_number[old].text, by_number[new].text),
    }


def _permissions(user, enquiry: Enquiry) -> dict:
    return {
        "can_edit": user.has_perm("enquiries.edit_enquiry", enquiry),
        "can_review": user.has_perm("enquiries.review_enquiry", enquiry),
        "can_comment": user.has_perm("enquiries.comment_enquiry", enquiry),
    }


def _panel_context(
    request: AuthenticatedHttpRequest, enquiry: Enquiry, events, forms: dict
) -> dict:
    return {
        "enquiry": enquiry,
        "events": events,
        "submit_form": forms.get("submit_form") or SubmitForm(),
        "decision_form": forms.get("decision_form") or DecisionForm(),
        "comment_form": forms.get("comment_form") or CommentForm(),
        "withdraw_form": forms.get("withdraw_form") or WithdrawForm(),
        **_permissions(request.user, enquiry),
    }


def _detail_page(request: AuthenticatedHttpRequest, enquiry: Enquiry, **forms) -> HttpResponse:
    page = selectors.enquiry_page(enquiry)
    context = _panel_context(request, enquiry, page.events, forms)
    link_form = forms.get("link_form")
    if link_form is None and context["can_edit"]:
        link_form = LinkForm(targets=selectors.link_candidates(enquiry))
    context.update(page=page, link_form=link_form, **_diff(request, page.revisions))
    # Just unlinked (?unlinked=<pk>, from enquiry_unlink): offer to link it again.
    unlinked = request.GET.get("unlinked", "")
    if link_form is not None and unlinked.isdigit():
        context["undo_target"] = link_form.fields["target"].queryset.filter(pk=unlinked).first()  # type: ignore[attr-defined]
    # base.html prefixes the title with "Error:" when `form` has errors.
    context["form"] = next((form for form in forms.values() if form.errors), None)
    return render(request, "enquiries/enquiry_detail.html", context)


@require_GET
@login_required
def enquiry_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    enquiry = get_enquiry_for_user(request.user, pk)
    if request.htmx and request.htmx.target == "revision-diff":
        revisions = list(enquiry.revisions.order_by("number"))
        return render(
            request, "enquiries/_diff.html", {"enquiry": enquiry, **_diff(request, revisions)}
        )
    return _detail_page(request, enquiry)


def _after_review_action(request, enquiry, *, done: str = "", error: str = "", **forms):
    """htmx: the review panel alone. Plain: back to the page, or the page with errors."""
    if request.htmx:
        events = list(enquiry.events.select_related("actor", "revision"))
        context = _panel_context(request, enquiry, events, forms)
        context.update(done=done, error=error)
        return render(request, "enquiries/_review_panel.html", context)
    if any(form.errors for form in forms.values()):
        return _detail_page(request, enquiry, **forms)
    if error:
        messages.error(request, error)
    elif done:
        messages.success(request, done)
    return redirect(enquiry)


@require_POST
@login_required
def enquiry_submit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    enquiry = get_enquiry_for_user(request.user, pk, action="edit")
    form = SubmitForm(request.POST)
    if not form.is_valid():
        return _after_review_action(request, enquiry, submit_form=form)
    try:
        services.enquiry_submit(enquiry=enquiry, actor=request.user, **form.cleaned_data)
    except EnquiryError as error:
        return _after_review_action(request, enquiry, error=str(error))
    return _after_review_action(request, enquiry, done="Submitted for review.")


@require_POST
@login_required
def enquiry_decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    enquiry = get_enquiry_for_user(request.user, pk, action="review")
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _after_review_action(request, enquiry, decision_form=form)
    decide = (
        services.enquiry_agree
        if form.cleaned_data["decision"] == DecisionForm.AGREE
        else services.enquiry_request_changes
    )
    try:
        decide(enquiry=enquiry, actor=request.user, comment=form.cleaned_data["comment"])
    except EnquiryError as error:
        return _after_review_action(request, enquiry, error=str(error))
    return _after_review_action(
        request, enquiry, done=f"Decision recorded: {enquiry.get_status_display()}."
    )


@require_POST
@login_required
def enquiry_comment(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    enquiry = get_enquiry_for_user(request.user, pk, action="comment")
    form = CommentForm(request.POST)
    if not form.is_valid():
        return _after_review_action(request, enquiry, comment_form=form)
    try:
        services.enquiry_comment(
            enquiry=enquiry, actor=request.user, text=form.cleaned_data["text"]
        )
    except EnquiryError as error:
        return _after_review_action(request, enquiry, error=str(error))
    return _after_review_action(request, enquiry, done="Comment added.")


# --- Links and alignment ---------------------------------------------------------


@require_POST
@login_required
def enquiry_link(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    enquiry = get_enquiry_for_user(request.user, pk, action="edit")
    form = LinkForm(request.POST, targets=selectors.link_candidates(enquiry))
    if not form.is_valid():
        return _detail_page(request, enquiry, link_form=form)
    try:
        services.enquiry_link(
            enquiry=enquiry, target=form.cleaned_data["target"], actor=request.user
        )
    except EnquiryError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"It now also serves {form.cleaned_data['target'].label}.")
    return redirect(enquiry)


@require_http_methods(["GET", "POST"])
@login_required
def alignment_review(request: AuthenticatedHttpRequest, pk: int, target_pk: int) -> HttpResponse:
    """Rate how well the question serves its home parent or a linked question."""
    enquiry = get_enquiry_for_user(request.user, pk)
    target = selectors.served_target(enquiry, target_pk)
    if target is None:
        raise Http404("It does not serve that question")
    if not request.user.has_perm("enquiries.review_enquiry", enquiry):
        raise PermissionDenied
    form = AlignmentReviewForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.alignment_review_create(
                enquiry=enquiry, target=target, actor=request.user, **form.cleaned_data
            )
        except EnquiryError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Alignment with {target.label} recorded.")
            return redirect(enquiry)
    latest = selectors.latest_reviews(enquiry_ids=[enquiry.pk], target_ids=[target.pk])
    context = {
        "form": form,
        "enquiry": enquiry,
        "target": target,
        "latest": latest.get((enquiry.pk, target.pk)),
    }
    return render(request, "enquiries/alignment_review.html", context)


# --- The review queue ------------------------------------------------------------


@require_GET
@login_required
def review_queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    queue = selectors.review_queue(
        request.user,
        page_number=request.GET.get("page"),
        stale_page_number=request.GET.get("stale_page"),
    )
    return render(
        request, "enquiries/review_queue.html", {"queue": queue, "page_obj": queue.awaiting}
    )
