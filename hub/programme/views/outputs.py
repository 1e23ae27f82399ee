"""PLACEHOLDER: replaced by the helper that owns this area. Not to be committed as is."""

from django.http import Http404


def benefits(request, *args, **kwargs):
    raise Http404


def benefits_csv(request, *args, **kwargs):
    raise Http404


def csv(request, *args, **kwargs):
    raise Http404


def exemplar(request, *args, **kwargs):
    raise Http404


def exemplars(request, *args, **kwargs):
    raise Http404


def exemplars_csv(request, *args, **kwargs):
    raise Http404


def programme_outputs(request, *args, **kwargs):
    raise Http404


def programme_outputs_csv(request, *args, **kwargs):
    raise Http404
