"""PLACEHOLDER: replaced by the helper that owns this area. Not to be committed as is."""

from django.http import Http404


def challenge_create(request, *args, **kwargs):
    raise Http404


def challenge_detail(request, *args, **kwargs):
    raise Http404


def challenge_edit(request, *args, **kwargs):
    raise Http404


def challenge_list(request, *args, **kwargs):
    raise Http404


def position_statement(request, *args, **kwargs):
    raise Http404


def scoping(request, *args, **kwargs):
    raise Http404


def team(request, *args, **kwargs):
    raise Http404
