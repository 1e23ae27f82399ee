"""PLACEHOLDER: replaced by the helper that owns this area. Not to be committed as is."""

from django.http import Http404


def answer(request, *args, **kwargs):
    raise Http404


def answer_check(request, *args, **kwargs):
    raise Http404


def answer_start(request, *args, **kwargs):
    raise Http404


def close(request, *args, **kwargs):
    raise Http404


def detail(request, *args, **kwargs):
    raise Http404


def home(request, *args, **kwargs):
    raise Http404


def results(request, *args, **kwargs):
    raise Http404


def start(request, *args, **kwargs):
    raise Http404


def team(request, *args, **kwargs):
    raise Http404
