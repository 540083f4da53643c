// Accessibility fixes for markup that the theme (pydata-sphinx-theme 0.17) and docutils produce,
// found by axe-core in the test suite: accessible names that differ from the visible text, icons
// announced twice, bibliography entries with a role their list does not allow, and the "show code"
// toggles (sphinx-togglebutton) named "Toggle hidden content" while they read "Show code cell source".
(function () {
  function mend() {
    document.querySelectorAll(".search-button__button[aria-label]").forEach((b) => b.removeAttribute("aria-label"));
    document.querySelectorAll('summary[aria-label="Toggle hidden content"]').forEach((s) => s.removeAttribute("aria-label"));
    document.querySelectorAll('.citation-list[role="list"] > [role="doc-biblioentry"]').forEach((e) => e.setAttribute("role", "listitem"));
    document.querySelectorAll(".theme-switch-button svg, .theme-switch-button i").forEach((e) => {
      if (e.getAttribute("aria-hidden") !== "true") e.setAttribute("aria-hidden", "true");
      if (e.hasAttribute("aria-labelledby")) e.removeAttribute("aria-labelledby");
      e.querySelectorAll("title").forEach((t) => t.remove());
    });
  }
  // Font Awesome replaces the icons after the page has loaded: mend again whenever they change.
  window.addEventListener("load", () => {
    mend();
    new MutationObserver(mend).observe(document.body, { childList: true, subtree: true });
  });
})();
