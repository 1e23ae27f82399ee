"""PLACEHOLDER: replaced by the helper that owns this area. Not to be committed as is."""

from django.http import Http404


def answer_survey(request, *args, **kwargs):
    raise Http404


def impact(request, *args, **kwargs):
    raise Http404


def impact_csv(request, *args, **kwargs):
    raise Http404
