from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sites.shortcuts import get_current_site
from django.utils import translation


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        # Remember the language the person signed up in: their mail follows it.
        user.language = translation.get_language() or user.language
        return super().save_user(request, user, form, commit=commit)

    def mail_language(self, email: str, context: dict[str, Any]) -> str:
        """The recipient's own language if they have an account, else the current one."""
        user = context.get("user")
        if user is None or not getattr(user, "pk", None):
            user = get_user_model().objects.filter(email__iexact=email).only("language").first()
        language = getattr(user, "language", "") or translation.get_language() or settings.LANGUAGE_CODE
        return language[:2]

    def render_mail(self, template_prefix, email, context, headers=None):
        address = email if isinstance(email, str) else email[0]
        with translation.override(self.mail_language(address, context)):
            return super().render_mail(template_prefix, email, context, headers=headers)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """allauth's mail (address confirmation, password reset, …) goes through the outbox in
        the recipient's language, wrapped in the portal's mail layout."""
        from outbox.services import mail_queue

        request = allauth_context.request
        ctx = {"request": request, "email": email, "current_site": get_current_site(request)}
        ctx.update(context)
        language = self.mail_language(email, ctx)
        message = self.render_mail(template_prefix, email, ctx)
        user = ctx.get("user")
        mail_queue(
            to=email,
            template="account/allauth",
            context={"subject": message.subject, "body_text": message.body},
            language=language,
            actor=user if getattr(user, "pk", None) else None,
            headers={"Auto-Submitted": "auto-generated"},
        )
