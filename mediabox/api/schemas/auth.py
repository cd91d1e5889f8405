"""Request and response schemas of /auth."""

from __future__ import annotations

import uuid
from typing import Literal

from pydantic import EmailStr, Field

from mediabox.api.schemas.common import Schema, StrictIn


class RegisterIn(StrictIn):
    email: EmailStr = Field(max_length=254)
    password: str = Field(min_length=8, max_length=1024)
    display_name: str = Field(default="", max_length=100)


class LoginIn(StrictIn):
    email: str = Field(min_length=1, max_length=320)
    password: str = Field(min_length=1, max_length=1024)


class RefreshIn(StrictIn):
    refresh_token: str | None = Field(default=None, max_length=4096)


Locale = Literal["en", "ru"]


class UserOut(Schema):
    id: uuid.UUID
    email: str
    display_name: str
    is_admin: bool
    locale: Locale

    @classmethod
    def of(cls, user) -> UserOut:
        return cls(
            id=user.id,
            email=user.email,
            display_name=user.display_name,
            is_admin=user.is_admin,
            locale=user.locale or "en",
        )


class SetupOut(Schema):
    """First-run state for the sign-in screens: `/setup` while no account exists."""

    setup_required: bool
    registration_open: bool

    @classmethod
    def of(cls, state) -> SetupOut:
        return cls(setup_required=state.setup_required, registration_open=state.registration_open)


class ProfilePatchIn(StrictIn):
    """The signed-in user's own settings; omitted fields stay as they are."""

    display_name: str | None = Field(default=None, max_length=100)
    locale: Locale | None = None


class PasswordChangeIn(StrictIn):
    current_password: str = Field(min_length=1, max_length=1024)
    new_password: str = Field(min_length=8, max_length=1024)


class RegisterOut(Schema):
    user: UserOut


class TokensOut(Schema):
    user: UserOut
    access_token: str
    refresh_token: str
    token_type: str = "Bearer"
    expires_in: int
