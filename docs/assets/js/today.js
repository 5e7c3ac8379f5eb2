// What the pages say about "today" stays true on the day a visitor reads them, however long ago
// the site was built (a scheduled rebuild can stop): an event that has ended since moves from the
// upcoming events to the past ones, the home page shows the next events (or the latest), and the
// share of the project's period that has passed and the timeline's "today" are counted again.
// The build wrote the same facts for its own day; without JavaScript they stay as written.
(() => {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  const today = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  const day = (iso) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10));
  const share = (el) => {
    const start = day(el.dataset.start);
    const end = day(el.dataset.end);
    return Math.min(Math.max((day(today) - start) / (end - start || 1), 0), 1);
  };
  const written = (el) => new Intl.DateTimeFormat(el.dataset.locale, { day: 'numeric', month: 'long', year: 'numeric' })
    .format(new Date(day(today)));
  const over = (li) => li.dataset.last < today;

  // The events page: ended events move to the top of the past ones (newest first).
  const upcoming = document.querySelector('[data-today="upcoming"]');
  const past = document.querySelector('[data-today="past"]');
  if (upcoming && past) {
    [...upcoming.children].filter(over).forEach((li) => past.prepend(li));
    document.querySelector('[data-today="none"]').hidden = upcoming.children.length > 0;
    document.getElementById('past').hidden = past.children.length === 0;
  }

  // The home page: the next three events, or else the three latest, under the matching heading.
  const section = document.querySelector('section[data-today="events"]');
  const grid = section && section.querySelector('ul');
  if (grid) {
    const items = [...grid.children];
    const next = items.filter((li) => !over(li));
    const shown = next.length ? next.slice(0, 3)
      : items.filter(over).sort((a, b) => b.dataset.start.localeCompare(a.dataset.start)).slice(0, 3);
    shown.forEach((li) => grid.append(li));
    items.forEach((li) => { li.hidden = !shown.includes(li); });
    grid.style.cssText = grid.dataset.grids.split('|')[Math.max(shown.length, 1) - 1];
    const heading = section.querySelector('h2');
    heading.textContent = next.length ? heading.dataset.next : heading.dataset.last;
    section.querySelector('[data-today="none"]').hidden = next.length > 0;
  }

  // The share of the project's period that has passed, in the bar, its label and the note.
  const period = document.querySelector('[data-today="period"]');
  if (period) {
    const percent = Math.round(100 * share(period));
    const note = period.dataset.note.replace('{percent}', percent).replace('{date}', written(period));
    period.querySelector('.ms-progress > span').style.width = `${percent}%`;
    period.querySelector('.ms-progress').setAttribute('aria-label', note);
    period.querySelector('.ms-period__note').textContent = note;
  }

  // The activities' timeline: today's line and date.
  const chart = document.querySelector('[data-today="timeline"]');
  if (chart) {
    chart.style.setProperty('--today', `${Math.round(10000 * share(chart)) / 100}%`);
    const date = document.querySelector('time[data-today="date"]');
    date.dateTime = today;
    date.textContent = written(chart);
  }
})();
