"""Lines of enquiry with their evidence and findings, a finding's signposts, the report (HTML
and PDF) and publishing it.

Everything but the report is confidential (peer_challenge.view_confidential) before and after
publishing; the report is the team's until the council publishes it, then anyone's
(peer_challenge.view). Peers record (peer_challenge.record_findings); the council's leads or a
programme admin publish (peer_challenge.publish_report). Once published, nothing here changes.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from hub.core.notify import absolute_url
from hub.core.pdf import pdf_download
from hub.peer_challenge import findings as services
from hub.peer_challenge import report as reports
from hub.peer_challenge import signposting
from hub.peer_challenge.forms_findings import EvidenceForm, FindingForm, ReportSummaryForm
from hub.peer_challenge.models import Challenge, Evidence, Finding, SignpostStatus
from hub.peer_challenge.views.access import challenge_permission_required

CONFIDENTIAL = "peer_challenge.view_confidential"
RECORD = "peer_challenge.record_findings"


def _may_record(request, challenge: Challenge) -> bool:
    """May change findings now: a peer (or programme admin) while the report is unpublished."""
    return request.user.has_perm(RECORD, challenge) and not challenge.is_published


def _require_record(request, challenge: Challenge) -> None:
    if not request.user.has_perm(RECORD, challenge):
        raise PermissionDenied


def _finding(challenge: Challenge, pk: int) -> Finding:
    return get_object_or_404(
        Finding.objects.select_related("line__element", "challenge__organisation"),
        challenge=challenge,
        pk=pk,
    )


# Lines of enquiry ------------------------------------------------------------------------------


@challenge_permission_required(CONFIDENTIAL)
@require_GET
def enquiry(request, challenge: Challenge):
    return render(
        request,
        "peer_challenge/findings/enquiry.html",
        {
            "challenge": challenge,
            "elements": services.enquiry_overview(challenge),
            "can_record": _may_record(request, challenge),
        },
    )


@challenge_permission_required(CONFIDENTIAL)
@require_http_methods(["GET", "POST"])
def line_of_enquiry(request, challenge: Challenge, line: str):
    line_of = services.line_of_challenge(challenge, line)
    if line_of is None:
        raise Http404("This challenge has no such line of enquiry")
    posted = request.POST if request.method == "POST" else None
    adding_evidence = posted is not None and "evidence-summary" in posted
    evidence_form = EvidenceForm(posted if adding_evidence else None)
    finding_form = FindingForm(posted if posted is not None and not adding_evidence else None)
    if posted is not None:
        _require_record(request, challenge)
        form = evidence_form if adding_evidence else finding_form
        if form.is_valid():
            try:
                if adding_evidence:
                    services.evidence_add(
                        challenge=challenge, line=line_of, by=request.user, **form.cleaned_data
                    )
                else:
                    finding = services.finding_save(
                        challenge=challenge, line=line_of, by=request.user, **form.cleaned_data
                    )
            except (services.FindingError, signposting.SignpostError) as error:
                form.add_error(None, str(error))
            else:
                if adding_evidence:
                    messages.success(request, "Evidence note added")
                    return redirect(f"{request.path}#evidence")
                messages.success(
                    request,
                    f"Finding saved: {finding.title}. Keep or drop what the Hub suggests for it.",
                )
                return redirect("peer_challenge:signposts", challenge.slug, finding.pk)
    return render(
        request,
        "peer_challenge/findings/line.html",
        {
            "challenge": challenge,
            "line": line_of,
            "prompts": reports.markdown(line_of.prompts),
            "evidence": Evidence.objects.filter(challenge=challenge, line=line_of),
            "findings": services.findings_of_line(challenge, line_of),
            "evidence_form": evidence_form,
            "finding_form": finding_form,
            "can_record": _may_record(request, challenge),
        },
        status=400 if posted is not None else 200,
    )


# Findings --------------------------------------------------------------------------------------


@challenge_permission_required(CONFIDENTIAL)
@require_GET
def finding_detail(request, challenge: Challenge, pk: int):
    finding = _finding(challenge, pk)
    return render(
        request,
        "peer_challenge/findings/finding.html",
        {
            "challenge": challenge,
            "finding": finding,
            "detail": reports.markdown(finding.detail),
            "recommendations": reports.markdown(finding.recommendations),
            "signposts": finding.signposts.all(),
            "can_record": _may_record(request, challenge),
        },
    )


def _refuse_if_frozen(request, challenge: Challenge, finding: Finding):
    if challenge.is_published:
        messages.error(request, services.FROZEN)
        return redirect("peer_challenge:finding", challenge.slug, finding.pk)
    return None


@challenge_permission_required(RECORD)
@require_http_methods(["GET", "POST"])
def finding_edit(request, challenge: Challenge, pk: int):
    finding = _finding(challenge, pk)
    if refused := _refuse_if_frozen(request, challenge, finding):
        return refused
    form = FindingForm(request.POST or None, finding=finding)
    if request.method == "POST" and form.is_valid():
        try:
            services.finding_save(
                challenge=challenge,
                line=finding.line,
                by=request.user,
                finding=finding,
                **form.cleaned_data,
            )
        except (services.FindingError, signposting.SignpostError) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Finding saved: {finding.title}")
            return redirect("peer_challenge:finding", challenge.slug, finding.pk)
    return render(
        request,
        "peer_challenge/findings/finding_edit.html",
        {"challenge": challenge, "finding": finding, "form": form},
    )


@challenge_permission_required(RECORD)
@require_http_methods(["GET", "POST"])
def finding_delete(request, challenge: Challenge, pk: int):
    finding = _finding(challenge, pk)
    if refused := _refuse_if_frozen(request, challenge, finding):
        return refused
    if request.method == "POST":
        services.finding_delete(finding=finding)
        messages.success(request, f"Finding deleted: {finding.title}")
        return redirect("peer_challenge:line", challenge.slug, finding.line.code)
    return render(
        request,
        "peer_challenge/findings/finding_delete.html",
        {"challenge": challenge, "finding": finding},
    )


# Signposts -------------------------------------------------------------------------------------

MOVES = {"up": signposting.UP, "down": signposting.DOWN}
DECISIONS = {"keep": SignpostStatus.KEPT, "drop": SignpostStatus.DROPPED}


def _signpost_action(request, finding: Finding) -> str:
    """Do what was asked; returns the message to show."""
    action = request.POST.get("action", "")
    if action == "suggest":
        added = signposting.suggest(finding)
        if not added:
            return "The Hub has nothing new to suggest. Signposts already here are as they were."
        count = len(added)
        return f"{count} new {'signpost' if count == 1 else 'signposts'} suggested"
    chosen = request.POST.get("signpost", "")
    if not chosen.isdigit():
        raise Http404("No such signpost")
    signpost = get_object_or_404(finding.signposts, pk=int(chosen))
    if action in DECISIONS:
        signposting.signpost_decide(signpost=signpost, status=DECISIONS[action])
        return f"{'Kept' if action == 'keep' else 'Dropped'}: {signpost.title}"
    if action in MOVES:
        signposting.signpost_move(signpost=signpost, direction=MOVES[action])
        return f"Moved {action}: {signpost.title}"
    raise signposting.SignpostError("Choose what to do with the signpost")


@challenge_permission_required(CONFIDENTIAL)
@require_http_methods(["GET", "POST"])
def signposts(request, challenge: Challenge, pk: int):
    finding = _finding(challenge, pk)
    if request.method == "POST":
        _require_record(request, challenge)
        try:
            messages.success(request, _signpost_action(request, finding))
        except signposting.SignpostError as error:
            messages.error(request, str(error))
        return redirect("peer_challenge:signposts", challenge.slug, finding.pk)
    items = list(finding.signposts.all())
    kept = [item for item in items if item.status == SignpostStatus.KEPT]
    return render(
        request,
        "peer_challenge/findings/signposts.html",
        {
            "challenge": challenge,
            "finding": finding,
            "kept": kept,
            "first_kept": kept[0].pk if kept else None,
            "last_kept": kept[-1].pk if kept else None,
            "others": [item for item in items if item.status != SignpostStatus.KEPT],
            "can_record": _may_record(request, challenge),
        },
    )


# Report ----------------------------------------------------------------------------------------


@challenge_permission_required("peer_challenge.view")
@require_http_methods(["GET", "POST"])
def report(request, challenge: Challenge):
    can_edit = _may_record(request, challenge)
    form = ReportSummaryForm(
        request.POST if request.method == "POST" else None,
        initial={"report_summary": challenge.report_summary},
    )
    if request.method == "POST":
        _require_record(request, challenge)
        if challenge.is_published:
            messages.error(request, "The report is published, so its summary can no longer change")
            return redirect("peer_challenge:report", challenge.slug)
        if form.is_valid():
            try:
                reports.report_summary_save(
                    challenge=challenge, summary=form.cleaned_data["report_summary"]
                )
            except reports.ReportError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, "Summary saved")
                return redirect("peer_challenge:report", challenge.slug)
    return render(
        request,
        "peer_challenge/report/report.html",
        {
            "challenge": challenge,
            "report": reports.report_of(challenge),
            "form": form if can_edit else None,
            "can_confidential": request.user.has_perm(CONFIDENTIAL, challenge),
            "can_publish": not challenge.is_published
            and request.user.has_perm("peer_challenge.publish_report", challenge),
        },
        status=400 if request.method == "POST" else 200,
    )


@challenge_permission_required("peer_challenge.view")
@require_GET
def report_pdf(request, challenge: Challenge):
    made = reports.report_of(challenge)
    for element in made.elements:
        for line in element.lines:
            for item in line.strengths + line.areas:
                for signpost in item.cases + item.champions:
                    signpost.link = absolute_url(signpost.url) if signpost.url else ""
    return pdf_download(
        request,
        "peer_challenge/report/report_pdf.html",
        {"challenge": challenge, "report": made, "pdf": True},
        filename=f"{challenge.slug}-report.pdf",
        back_url=reverse("peer_challenge:report", args=[challenge.slug]),
        back_text="Back to the report",
    )


@challenge_permission_required("peer_challenge.publish_report")
@require_http_methods(["GET", "POST"])
def publish(request, challenge: Challenge):
    error = ""
    if request.method == "POST":
        try:
            reports.report_publish(challenge=challenge, by=request.user)
        except reports.ReportError as refused:
            error = str(refused)
        else:
            messages.success(request, "The report is published. Anyone can now read it.")
            return redirect("peer_challenge:report", challenge.slug)
    return render(
        request,
        "peer_challenge/report/publish.html",
        {"challenge": challenge, "error": error, "findings": challenge.findings.count()},
        status=400 if error else 200,
    )
