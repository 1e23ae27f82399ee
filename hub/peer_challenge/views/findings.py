"""PLACEHOLDER: replaced by the helper that owns this area. Not to be committed as is."""

from django.http import Http404


def enquiry(request, *args, **kwargs):
    raise Http404


def finding_detail(request, *args, **kwargs):
    raise Http404


def line_of_enquiry(request, *args, **kwargs):
    raise Http404


def publish(request, *args, **kwargs):
    raise Http404


def report(request, *args, **kwargs):
    raise Http404


def report_pdf(request, *args, **kwargs):
    raise Http404


def signposts(request, *args, **kwargs):
    raise Http404
