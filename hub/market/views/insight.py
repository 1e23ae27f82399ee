"""PLACEHOLDER: replaced by the helper that owns this area. Not to be committed as is."""

from django.http import Http404


def category(request, *args, **kwargs):
    raise Http404


def category_csv(request, *args, **kwargs):
    raise Http404


def contract_detail(request, *args, **kwargs):
    raise Http404


def contract_list(request, *args, **kwargs):
    raise Http404


def contract_list_csv(request, *args, **kwargs):
    raise Http404


def council(request, *args, **kwargs):
    raise Http404


def council_csv(request, *args, **kwargs):
    raise Http404


def home(request, *args, **kwargs):
    raise Http404


def supplier(request, *args, **kwargs):
    raise Http404


def supplier_csv(request, *args, **kwargs):
    raise Http404


def supplier_list(request, *args, **kwargs):
    raise Http404
