"""PLACEHOLDER: replaced by the helper that owns this area. Not to be committed as is."""

from django.http import Http404


def benchmark(request, *args, **kwargs):
    raise Http404


def plan(request, *args, **kwargs):
    raise Http404


def plan_item(request, *args, **kwargs):
    raise Http404


def plan_pdf(request, *args, **kwargs):
    raise Http404


def sector(request, *args, **kwargs):
    raise Http404


def sector_csv(request, *args, **kwargs):
    raise Http404
