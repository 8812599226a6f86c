// The theme cookie: read by the server on every request (ThemePreference.cs).
window.digitalBrainTheme = {
    set: function (dark) {
        document.cookie = "digitalbrain-theme=" + (dark ? "dark" : "light") + "; path=/; max-age=31536000; samesite=lax";
    },
    // Statically rendered pages have no circuit to re-render them: store and reload.
    toggleAndReload: function () {
        var dark = document.cookie.split("; ").indexOf("digitalbrain-theme=dark") >= 0;
        this.set(!dark);
        location.reload();
    }
};

// Wired here, not with an inline onclick: the Content-Security-Policy allows no inline handlers.
document.addEventListener("click", function (e) {
    if (e.target.closest && e.target.closest("[data-theme-toggle]"))
        window.digitalBrainTheme.toggleAndReload();
});
