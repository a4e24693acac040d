from core.models import Page


def page_get(*, slug: str) -> Page | None:
    return Page.objects.filter(slug=slug).first()
