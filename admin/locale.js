// The editor speaks the site's default language (the page's lang) until the officer picks another
// one in its settings, whatever the browser's language. Imported before the editor itself, which
// reads its preferences as soon as it loads; "auto" (its default: the browser's language) counts
// as not chosen.
const PREFS = 'sveltia-cms.prefs';
try {
  const prefs = JSON.parse(localStorage.getItem(PREFS) || '{}') || {};
  if (!prefs.locale || prefs.locale === 'auto') {
    localStorage.setItem(PREFS, JSON.stringify({ ...prefs, locale: document.documentElement.lang }));
  }
} catch {
  // storage refused (private browsing): the editor follows the browser's language
}
