"""PLACEHOLDER: replaced by the helper that owns this area. Not to be committed as is."""

from django.http import Http404


def briefing_detail(request, *args, **kwargs):
    raise Http404


def briefing_list(request, *args, **kwargs):
    raise Http404


def briefing_pdf(request, *args, **kwargs):
    raise Http404


def home(request, *args, **kwargs):
    raise Http404


def module_detail(request, *args, **kwargs):
    raise Http404


def module_list(request, *args, **kwargs):
    raise Http404
