// Bundles the web editor (Sveltia CMS, at the exact version of package.json) into one folder that
// the site serves at /admin/:   node admin/bundle.mjs <output folder>
//
// The package as shipped asks other hosts for web fonts and for GitHub's status page. Each patch
// below removes one such request and must match exactly as often as stated, so that upgrading the
// package fails here, loudly, rather than ship a request nobody has looked at. The browser test
// (tests/test_admin.py) records every request the editor makes.
import { copyFile, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import * as esbuild from 'esbuild';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
// The package's build for bundlers (npm/, its main entry): fonts, workers and translations local.
const NPM = path.dirname(require.resolve('@sveltia/cms'));
const PACKAGE = path.dirname(NPM);

// Interface translations of ours, for languages the package does not ship (its strings are
// locales/en-US.json; a test keeps ours to the same keys and placeholders).
const OWN_LOCALES = ['ro'];

const PATCHES = [
  {
    // The interface languages the editor offers, and where each one's strings load from.
    why: 'interface languages of ours (admin/locales/)',
    file: /[\\/]npm[\\/]index\.js$/,
    find: /`ar,bg,ca,cs,da,de,el,en-CA,en-GB,en-US,es-CO,fa,fi,fr,hr,it,ja,ko,nl,pl,pt-BR,pt-PT,ru,sv,tr,uk,vi,zh-CN,zh-TW`/g,
    count: 1,
    replace: `\`ar,bg,ca,cs,da,de,el,en-CA,en-GB,en-US,es-CO,fa,fi,fr,hr,it,ja,ko,nl,pl,pt-BR,pt-PT,ru,sv,tr,uk,vi,zh-CN,zh-TW,${OWN_LOCALES.join(',')}\``,
  },
  {
    why: 'where our interface languages load from',
    file: /[\\/]npm[\\/]index\.js$/,
    find: /"zh-TW":\(\)=>u\(\(\)=>import\(`\.\.\/locales\/zh-TW\.json`\),\[\],import\.meta\.url\)\}/g,
    count: 1,
    replace: () => '"zh-TW":()=>u(()=>import(`../locales/zh-TW.json`),[],import.meta.url)'
      + OWN_LOCALES.map((code) => `,${JSON.stringify(code)}:()=>import(${JSON.stringify(path.join(HERE, 'locales', `${code}.json`))})`).join('')
      + '}',
  },
  {
    // The same three fonts ship in npm/assets/ and the package registers them from there; this
    // style sheet would also ask a CDN for them.
    why: 'web fonts from cdn.jsdelivr.net',
    file: /[\\/]npm[\\/]index\.js$/,
    find: /@font-face \{[^}]*https:\/\/cdn\.jsdelivr\.net\/[^}]*\}/g,
    count: 3,
    replace: '',
  },
  {
    // GitHub's and GitLab's status pages, asked before sign-in to show an outage banner.
    why: 'backend status pages (githubstatus.com)',
    file: /[\\/]npm[\\/]index\.js$/,
    find: /checkStatus:[\w$]+,/g,
    count: 2,
    replace: 'checkStatus:async()=>`unknown`,',
  },
  {
    // Code highlighting grammars and themes, hundreds of files: no content field holds code.
    why: 'code highlighting grammars',
    file: /[\\/]npm[\\/]index\.js$/,
    find: /import\(`@shikijs\/(langs|themes)\/[^`]+`\)/g,
    count: 244,
    replace: 'Promise.resolve({default:[]})',
  },
  {
    // The content names a file by its path under content/, "media/images/photo.jpg" (the
    // schemas' `file`); the editor would write "/media/images/photo.jpg" for any public folder
    // that does not start with "." or "@". A public folder written without "/" stays as written.
    why: 'public folders made absolute',
    file: /[\\/]npm[\\/]index\.js$/,
    find: /publicPath:\/\^\(\$\|\[\.@\]\)\//g,
    count: 1,
    replace: 'publicPath:/^($|[.@]|[^/])/',
  },
  {
    // Every output file lands in one folder, next to assets/: a chunk's "../assets/" would
    // leave /admin/.
    why: 'assets addressed from the package\'s chunks/ folder',
    file: /[\\/]npm[\\/]chunks[\\/][^\\/]+\.js$/,
    find: /new URL\(`\.\.\/assets\//g,
    count: null, // some chunks have none
    replace: 'new URL(`assets/',
  },
];

const patcher = {
  name: 'patch-sveltia',
  setup(build) {
    build.onLoad({ filter: /@sveltia[\\/]cms[\\/]npm[\\/].*\.js$/ }, async (args) => {
      let text = await readFile(args.path, 'utf8');
      for (const patch of PATCHES.filter((p) => p.file.test(args.path))) {
        const found = text.match(patch.find)?.length ?? 0;
        if (patch.count !== null && found !== patch.count) {
          throw new Error(`${path.relative(PACKAGE, args.path)}: "${patch.why}" matched ${found} time(s), `
            + `expected ${patch.count}; the package changed: review admin/bundle.mjs`);
        }
        text = text.replace(patch.find, patch.replace);
      }
      return { contents: text, loader: 'js' };
    });
  },
};

async function main(out) {
  if (!out) throw new Error('usage: node admin/bundle.mjs <output folder>');
  await rm(out, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: { editor: path.join(HERE, 'main.js') },
    bundle: true,
    format: 'esm',
    splitting: true, // the map, image converters and translations load only when used
    chunkNames: '[name]-[hash]', // beside editor.js, so that "assets/…" means the same everywhere
    outdir: out,
    minify: true,
    legalComments: 'linked',
    target: 'es2022',
    logLevel: 'warning',
    plugins: [patcher],
  });
  await mkdir(path.join(out, 'assets'), { recursive: true });
  for (const name of await readdir(path.join(NPM, 'assets'))) {
    if (!name.endsWith('.map')) await copyFile(path.join(NPM, 'assets', name), path.join(out, 'assets', name));
  }
  await copyFile(path.join(PACKAGE, 'LICENSE.txt'), path.join(out, 'LICENSE.txt'));
}

main(process.argv[2]).catch((error) => {
  console.error(error.message);
  process.exit(1);
});
