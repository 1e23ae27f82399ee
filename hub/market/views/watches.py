"""PLACEHOLDER: replaced by the helper that owns this area. Not to be committed as is."""

from django.http import Http404


def watch_list(request, *args, **kwargs):
    raise Http404


def watch_new(request, *args, **kwargs):
    raise Http404


def watch_remove(request, *args, **kwargs):
    raise Http404
