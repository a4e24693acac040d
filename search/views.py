from django.shortcuts import render
from django.views.decorators.http import require_safe

from search import selectors
from search.forms import SearchForm

#: Results of each kind on the page that shows every kind, and on a page of one kind.
PER_KIND = 5
PAGE_SIZE = 20


@require_safe
def search(request):
    form = SearchForm(request.GET)
    groups, text, kind, page, size = [], "", "", 1, PER_KIND
    if form.is_valid():
        text, kind = form.cleaned_data["q"].strip(), form.cleaned_data["kind"]
        page = form.cleaned_data["page"] or 1
        size = PAGE_SIZE if kind else PER_KIND
        if text:
            groups = selectors.search(text=text, kind=kind, per_kind=size, offset=(page - 1) * size)
    total = sum(group.total for group in groups)
    return render(
        request,
        "search/results.html",
        {
            "form": form,
            "text": text,
            "kind": kind,
            "groups": groups,
            "total": total,
            "page": page,
            "start": (page - 1) * size + 1,
            "has_next": bool(kind and groups and groups[0].total > page * PAGE_SIZE),
        },
    )
