"""PLACEHOLDER: replaced by the helper that owns this area. Not to be committed as is."""

from django.http import Http404


def board(request, *args, **kwargs):
    raise Http404


def leads(request, *args, **kwargs):
    raise Http404


def place_assessment(request, *args, **kwargs):
    raise Http404


def place_assessment_start(request, *args, **kwargs):
    raise Http404


def place_list(request, *args, **kwargs):
    raise Http404


def place_space(request, *args, **kwargs):
    raise Http404
