"""PLACEHOLDER: replaced by the helper that owns this area. Not to be committed as is."""

from django.http import Http404


def current_framework(request, *args, **kwargs):
    raise Http404


def version_detail(request, *args, **kwargs):
    raise Http404


def version_list(request, *args, **kwargs):
    raise Http404


def version_new(request, *args, **kwargs):
    raise Http404


def version_publish(request, *args, **kwargs):
    raise Http404
