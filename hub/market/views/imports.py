"""PLACEHOLDER: replaced by the helper that owns this area. Not to be committed as is."""

from django.http import Http404


def import_detail(request, *args, **kwargs):
    raise Http404


def import_list(request, *args, **kwargs):
    raise Http404


def import_new(request, *args, **kwargs):
    raise Http404


def review_decide(request, *args, **kwargs):
    raise Http404


def review_queue(request, *args, **kwargs):
    raise Http404
