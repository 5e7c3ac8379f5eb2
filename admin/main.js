// The web editor at /admin/: Sveltia CMS, started by hand because a bundled module script is not
// the `<script src=".../sveltia-cms.js">` it looks for to start itself. Its configuration is
// config.yml next to the page, and editor.json holds what rules.js and preview.js need; both are
// written by sitegen/admin.py at each build, from schemas/ and the officer's message tables.
import CMS from '@sveltia/cms';

import { registerPreviews } from './preview.js';
import { register } from './rules.js';

// The editor speaks the site's default language (the page's lang) until the officer picks
// another one in its settings, whatever the browser's language.
const PREFS = 'sveltia-cms.prefs';
try {
  const prefs = JSON.parse(localStorage.getItem(PREFS) || '{}') || {};
  if (!prefs.locale) localStorage.setItem(PREFS, JSON.stringify({ ...prefs, locale: document.documentElement.lang }));
} catch {
  // private browsing without storage: the editor falls back to the browser's language
}

register(CMS, 'editor.json')
  .then((words) => registerPreviews(CMS, words))
  .catch((error) => console.error('editor.json could not be read', error))
  .finally(() => CMS.init());
