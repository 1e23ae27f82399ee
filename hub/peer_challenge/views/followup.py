"""PLACEHOLDER: replaced by the helper that owns this area. Not to be committed as is."""

from django.http import Http404


def action_plan(request, *args, **kwargs):
    raise Http404


def deadlines(request, *args, **kwargs):
    raise Http404


def progress_review(request, *args, **kwargs):
    raise Http404


def sector_learning(request, *args, **kwargs):
    raise Http404


def sector_learning_csv(request, *args, **kwargs):
    raise Http404
