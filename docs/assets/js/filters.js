// Filters of a grouped list (the good-practice catalogue). Without JavaScript the form stays
// hidden and the whole list shows; with it, choosing a country or theme hides the rest.
document.querySelectorAll("form[data-filter-list]").forEach((form) => {
  const list = document.getElementById(form.dataset.filterList);
  const items = Array.from(list.querySelectorAll("li[data-country]"));
  const count = form.querySelector(".ms-filters__count");
  const apply = () => {
    const wanted = Object.fromEntries(new FormData(form));
    let shown = 0;
    items.forEach((item) => {
      const match = Object.entries(wanted).every(([key, value]) => !value || item.dataset[key] === value);
      item.hidden = !match;
      shown += match ? 1 : 0;
    });
    list.querySelectorAll(".ms-group").forEach((group) => {
      group.hidden = !group.querySelector("li[data-country]:not([hidden])");
    });
    count.textContent = count.dataset.template.replace("{shown}", shown).replace("{total}", items.length);
  };
  form.addEventListener("change", apply);
  form.addEventListener("submit", (event) => event.preventDefault());
  form.hidden = false;
  apply();
});
