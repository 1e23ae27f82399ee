"""PLACEHOLDER: replaced by the helper that owns this area. Not to be committed as is."""

from django.http import Http404


def dashboard(request, *args, **kwargs):
    raise Http404


def not_engaged(request, *args, **kwargs):
    raise Http404


def not_engaged_csv(request, *args, **kwargs):
    raise Http404


def take_up(request, *args, **kwargs):
    raise Http404


def take_up_csv(request, *args, **kwargs):
    raise Http404
