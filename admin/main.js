// The web editor at /admin/: Sveltia CMS, started by hand because a bundled module script is not
// the `<script src=".../sveltia-cms.js">` it looks for to start itself. Its configuration is
// config.yml next to the page (written by sitegen/admin.py from schemas/ and the strings).
import CMS from '@sveltia/cms';

CMS.init();
