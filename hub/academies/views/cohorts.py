"""PLACEHOLDER: replaced by the helper that owns this area. Not to be committed as is."""

from django.http import Http404


def add_participant(request, *args, **kwargs):
    raise Http404


def apply(request, *args, **kwargs):
    raise Http404


def cohort_create(request, *args, **kwargs):
    raise Http404


def cohort_detail(request, *args, **kwargs):
    raise Http404


def cohort_edit(request, *args, **kwargs):
    raise Http404


def cohort_list(request, *args, **kwargs):
    raise Http404


def cohort_schedule(request, *args, **kwargs):
    raise Http404


def my_academies(request, *args, **kwargs):
    raise Http404


def participants(request, *args, **kwargs):
    raise Http404


def sponsor_decision(request, *args, **kwargs):
    raise Http404
