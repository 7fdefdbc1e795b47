"""Login for a deployed app: call :func:`require_login` before any page renders.

Three modes, chosen by configuration (first match wins):

``oidc``
    ``.streamlit/secrets.toml`` has an ``[auth]`` section (``redirect_uri``,
    ``cookie_secret``, ``client_id``, ``client_secret``, ``server_metadata_url``):
    Streamlit's own ``st.login()`` / ``st.user`` against an OpenID Connect provider
    (needs ``pip install "streamlit[auth]"``, i.e. Authlib).  Optionally
    ``allowed_emails = ["a@x.cn", ...]`` or ``allowed_domains = ["x.cn"]`` under
    ``[kg_auth]`` restrict who may enter once logged in.
``password``
    The environment variable ``KG_APP_PASSWORD``, else the top-level secret
    ``app_password``, is set: a password form, compared with
    :func:`hmac.compare_digest`; a wrong password is refused (after a short delay).
    One shared password per deployment — fine behind a VPN or for a small team; use
    OIDC for anything reachable from the internet.
``open``
    Neither: no login (local use, development, tests).

Nothing of the app runs before the check passes: no store is opened, no query runs.
"""

from __future__ import annotations

import hmac
import os
import time
from typing import Any

import streamlit as st

from graph.strings import norm_lang, t

__all__ = ["require_login", "auth_mode", "may_see_store_path", "is_admin", "expected_password", "PASSWORD_ENV", "STATE_KEY"]

PASSWORD_ENV = "KG_APP_PASSWORD"
STATE_KEY = "_kg_auth_ok"
WRONG_PASSWORD_DELAY_S = 1.0  # slows guessing down; the form is per session

def _lang() -> str:
    return norm_lang(st.session_state.get("lang") or st.query_params.get("lang"))


def _t(key: str, **kw: Any) -> str:
    return t(key, _lang(), **kw)


def _secrets() -> dict[str, Any]:
    """The secrets as a plain dict; empty when there is no secrets file."""
    try:
        return st.secrets.to_dict()
    except Exception:  # noqa: BLE001 - no secrets.toml (or an unreadable one) means no secrets
        return {}


def expected_password(secrets: dict[str, Any] | None = None) -> str:
    """The app password: ``KG_APP_PASSWORD``, else the secret ``app_password``, else ``""``."""
    env = os.environ.get(PASSWORD_ENV, "")
    if env:
        return env
    value = (secrets if secrets is not None else _secrets()).get("app_password")
    return str(value) if value not in (None, "") else ""


def auth_mode(secrets: dict[str, Any] | None = None) -> str:
    """``"oidc"``, ``"password"`` or ``"open"`` (see the module docstring)."""
    secrets = secrets if secrets is not None else _secrets()
    if isinstance(secrets.get("auth"), dict) and secrets["auth"]:
        return "oidc"
    if expected_password(secrets):
        return "password"
    return "open"


def is_admin(mode: str, who: str, secrets: dict[str, Any]) -> bool:
    """Whether the visitor may see deployment details (the database path).  Open (local) use:
    yes.  Password: whoever knows the shared password.  OIDC: only the e-mails listed in
    ``[kg_auth] admin_emails``.

    >>> is_admin("oidc", "a@x.cn", {"kg_auth": {"admin_emails": ["A@x.cn"]}}), is_admin("oidc", "b@x.cn", {})
    (True, False)
    """
    if mode == "open":
        return True
    if mode == "password":
        return bool(who)
    admins = {e.lower() for e in (secrets.get("kg_auth") or {}).get("admin_emails", [])}
    return bool(who) and who.lower() in admins


def may_see_store_path() -> bool:
    """:func:`is_admin` for the current session."""
    secrets = _secrets()
    mode = auth_mode(secrets)
    if mode == "password":
        who = "password" if st.session_state.get(STATE_KEY) else ""
    elif mode == "oidc":
        who = str(st.user.get("email") or "") if _logged_in() else ""
    else:
        who = ""
    return is_admin(mode, who, secrets)


def password_ok(given: str, expected: str) -> bool:
    """Constant-time comparison (of the UTF-8 bytes, so any text works)."""
    if not expected:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def require_login() -> None:
    """Stop the script (``st.stop()``) until the visitor is logged in; no-op when open."""
    secrets = _secrets()
    mode = auth_mode(secrets)
    if mode == "oidc":
        _oidc(secrets)
    elif mode == "password":
        _password(expected_password(secrets))


def _logged_in() -> bool:
    try:
        return bool(st.user.is_logged_in)
    except (AttributeError, KeyError):  # Streamlit did not see the [auth] section: not logged in
        return False


def _oidc(secrets: dict[str, Any]) -> None:
    if not _logged_in():
        st.title(_t("app_title"))
        st.info(_t("auth_need_login"))
        st.button(_t("auth_oidc_login"), key="kg_login_oidc", on_click=st.login, type="primary")
        st.stop()
    who = str(st.user.get("email") or st.user.get("name") or "")
    rules = secrets.get("kg_auth") or {}
    emails = {e.lower() for e in rules.get("allowed_emails", [])}
    domains = {d.lower().lstrip("@") for d in rules.get("allowed_domains", [])}
    if emails or domains:
        email = who.lower()
        if email not in emails and email.rpartition("@")[2] not in domains:
            st.title(_t("app_title"))
            st.error(_t("auth_not_allowed", who=who or "?"))
            st.button(_t("auth_logout"), key="kg_logout", on_click=st.logout)
            st.stop()
    with st.sidebar:
        st.caption(_t("auth_signed_in", who=who))
        st.button(_t("auth_logout"), key="kg_logout", on_click=st.logout)


def _password(expected: str) -> None:
    if st.session_state.get(STATE_KEY):
        with st.sidebar:
            if st.button(_t("auth_logout"), key="kg_logout"):
                st.session_state[STATE_KEY] = False
                st.rerun()
        return
    st.title(_t("app_title"))
    with st.form("kg_login"):
        given = st.text_input(_t("auth_password"), type="password", key="kg_login_password")
        submitted = st.form_submit_button(_t("auth_submit"), type="primary")
    if submitted:
        if password_ok(given or "", expected):
            st.session_state[STATE_KEY] = True
            st.rerun()
        time.sleep(WRONG_PASSWORD_DELAY_S)
        st.error(_t("auth_wrong"))
    else:
        st.info(_t("auth_need_login"))
    st.stop()
