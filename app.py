"""三名联动创新图谱 — the Streamlit app.  Run: ``streamlit run app.py``.

Pages live in :mod:`ui.pages`; helpers in :mod:`ui.data`; strings in :mod:`ui.i18n`.
"""

from __future__ import annotations

import sys
from contextlib import nullcontext
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ui import data as D  # noqa: E402
from ui.auth import require_login  # noqa: E402
from ui.i18n import LANGS, norm_lang, t  # noqa: E402
from ui.pages import PAGES  # noqa: E402
from ui.state import publish, qp, seed  # noqa: E402
from ui.widgets import store_error  # noqa: E402

st.set_page_config(page_title="三名联动创新图谱", page_icon=":material/hub:", layout="wide")
require_login()  # login (OIDC or KG_APP_PASSWORD) before any page or store; no-op when not configured

seed("lang", norm_lang(qp("lang")))
lang = st.sidebar.radio(t("lang_label", st.session_state["lang"]), LANGS, key="lang", horizontal=True,
                        format_func=lambda x: {"zh": "中文", "en": "English"}[x])


def _wrap(slug, fn):
    def page() -> None:
        publish(page=slug, lang=lang if lang != "zh" else None)
        try:
            with st.spinner(t("loading_bundled", lang)) if D.first_load_pending() else nullcontext():
                ctx = D.Ctx.open(lang)
        except Exception as e:  # noqa: BLE001 - a store that is down gets one friendly line
            store_error(e, lang)
            return
        with st.sidebar:
            if ctx.load.get("loaded_at"):
                st.caption(f"{t('loaded_at', lang)}: {ctx.load['loaded_at']}")
            if ctx.load.get("status") == "error":
                st.warning(t("bundled_failed", lang, msg=ctx.load.get("message")))
            elif ctx.load.get("message") and "skipped" in ctx.load.get("message", ""):
                st.warning(ctx.load["message"])
            st.caption(t("share_hint", lang))
        try:
            fn(ctx)
        except Exception as e:  # noqa: BLE001 - never a traceback on the page
            store_error(e, lang)

    page.__name__ = f"page_{slug}"
    return page


# "/" runs a hidden home page that draws the overview, so the overview keeps its own path
# (Streamlit serves the default page at "/" only; "/overview" would be "Page not found").
wanted = qp("page") if qp("page") in {p[0] for p in PAGES} else None
pages = [st.Page(_wrap(slug, fn), title=t(key, lang), icon=icon, url_path=slug, default=(slug == wanted))
         for slug, key, fn, icon in PAGES]
if wanted is None:
    home = next(fn for slug, _, fn, _ in PAGES if slug == "overview")
    pages.insert(0, st.Page(_wrap("overview", home), title=t("p_overview", lang), url_path="home",
                            default=True, visibility="hidden"))
st.navigation(pages).run()
