from django.http import HttpResponse


def _todo(request, **kwargs):
    return HttpResponse("todo")


category_index = category_detail = product_search = product_detail = vendor_profile = leader_summary = _todo
