from django.http import HttpResponse


def _todo(request, **kwargs):
    return HttpResponse("todo")


register = dashboard = curation_queue = _todo
