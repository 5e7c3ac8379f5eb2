/* The theme's menu and search, usable with a keyboard and a screen reader (README: Accessibility).
   The theme opens both with <label>s over hidden checkboxes; sitegen/themefix.py writes named
   buttons beside them, shown here in their place. The checkboxes stay the only state: a button
   clicks its checkbox as the label would, so the theme (and anything that watches the checkbox)
   sees the same events. Site.css keeps the closed menu and search out of the tab order. */
(() => {
  const drawer = document.getElementById("__drawer");
  const search = document.getElementById("__search");
  const menuButton = document.querySelector('[data-ms-toggle="drawer"]');
  const searchButton = document.querySelector('[data-ms-toggle="search"]');
  const closeButton = document.querySelector(".ms-search-close");
  const nav = document.querySelector(".md-sidebar--primary");
  const dialog = document.querySelector(".md-search");
  const input = dialog && dialog.querySelector(".md-search__input");
  if (!drawer || !search || !menuButton || !searchButton || !closeButton || !input) return;

  document.documentElement.classList.add("ms-keyboard");  // site.css: the buttons replace the labels
  for (const button of [menuButton, searchButton, closeButton]) button.hidden = false;

  const set = (box, on) => { if (box.checked !== on) box.click(); };  // a click fires "change"
  const shown = (element) => element.getClientRects().length > 0;
  const within = (element, node) => !!node && element.contains(node);
  // Wide screens show the search field in the header: it is the way in there.
  const wide = matchMedia("(min-width: 60em)");

  // Menu (the navigation drawer of narrow screens)
  menuButton.addEventListener("click", () => set(drawer, !drawer.checked));
  drawer.addEventListener("change", () => {
    menuButton.setAttribute("aria-expanded", String(drawer.checked));
    if (drawer.checked) {
      const first = nav && nav.querySelector("a[href]");
      if (first) first.focus({ preventScroll: true });
    } else if (within(nav, document.activeElement) && shown(menuButton)) {
      menuButton.focus();
    }
  });
  // Leaving the open menu with Tab closes it: focus never rests behind its overlay.
  if (nav) nav.addEventListener("focusout", (event) => {
    if (drawer.checked && event.relatedTarget && !within(nav, event.relatedTarget)) set(drawer, false);
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && drawer.checked) {
      set(drawer, false);
      if (shown(menuButton)) menuButton.focus();
    }
  });

  // Search
  const sync = () => {
    searchButton.setAttribute("aria-expanded", String(search.checked));
    // Closed on a narrow screen, the field is out of sight: out of the tab order too (the
    // theme's shortcut keys still reach it, they focus it directly).
    input.tabIndex = search.checked || wide.matches ? 0 : -1;
  };
  sync();
  wide.addEventListener("change", sync);
  searchButton.addEventListener("click", () => { set(search, true); input.focus(); });
  closeButton.addEventListener("click", () => set(search, false));
  search.addEventListener("change", () => {
    sync();
    if (!search.checked && shown(searchButton) && within(dialog, document.activeElement)) searchButton.focus();
  });
  // The theme takes its results out of the tab order (tabindex -1, arrow keys only): Tab reaches
  // them too. Each result is a link around an <article>, which leaves the link without a name in
  // Chromium's accessibility tree: the result's title names it.
  const results = dialog.querySelector(".md-search-result");
  if (results) new MutationObserver(() => {
    for (const item of results.querySelectorAll("[tabindex='-1']")) item.removeAttribute("tabindex");
    for (const link of results.querySelectorAll("a.md-search-result__link:not([aria-label])")) {
      const title = link.querySelector("h1, h2");
      if (title) link.setAttribute("aria-label", title.textContent.trim());
    }
  }).observe(results, { childList: true, subtree: true });
  // The theme closes the search on Tab and sends every other key (Shift of Shift+Tab, Space) to
  // the field: inside the open search, Tab and Shift+Tab move between its controls (field, close,
  // clear, results) and buttons take Enter and Space. Escape on a result or button goes back to
  // the field; Escape in the field closes the search. Arrows and typing work as the theme made them.
  dialog.addEventListener("keydown", (event) => {
    const own = event.target !== input && (event.key === "Enter" || event.key === " ");
    if (event.key === "Tab" || event.key === "Shift" || own) event.stopPropagation();
    if (event.key === "Escape" && event.target !== input) {
      event.stopPropagation();
      input.focus();
    }
  });
  dialog.addEventListener("focusout", (event) => {
    if (search.checked && event.relatedTarget && !within(dialog, event.relatedTarget)) set(search, false);
  });
})();
