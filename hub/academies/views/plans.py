"""PLACEHOLDER: replaced by the helper that owns this area. Not to be committed as is."""

from django.http import Http404


def edit_plan(request, *args, **kwargs):
    raise Http404


def my_plan(request, *args, **kwargs):
    raise Http404


def participant_plan(request, *args, **kwargs):
    raise Http404


def plan_update(request, *args, **kwargs):
    raise Http404


def programme_progress(request, *args, **kwargs):
    raise Http404


def programme_progress_csv(request, *args, **kwargs):
    raise Http404
