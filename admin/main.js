// The web editor at /admin/: Sveltia CMS, started by hand because a bundled module script is not
// the `<script src=".../sveltia-cms.js">` it looks for to start itself. Its configuration is
// config.yml next to the page, and editor.json holds what rules.js and preview.js need; both are
// written by sitegen/admin.py at each build, from schemas/ and the officer's message tables.
import './locale.js'; // first: the editor reads its interface language as it loads
import CMS from '@sveltia/cms';

import { registerPreviews } from './preview.js';
import { register } from './rules.js';

register(CMS, 'editor.json')
  .then((words) => registerPreviews(CMS, words))
  .catch((error) => console.error('editor.json could not be read', error))
  .finally(() => CMS.init());
